package io.relevo.core.engine;

import io.relevo.core.RelevoException;

/**
 * A request to restore a backup into the app's database for real.
 *
 * @param app the app
 * @param backupId the backup to restore (see {@code relevo backups})
 * @param actor who asks
 * @param reason why; required
 * @param confirmed the person said {@code --yes}: the database's current data is replaced
 */
public record RestoreRequest(
    String app, long backupId, String actor, String reason, boolean confirmed) {

  public RestoreRequest {
    actor = actor == null || actor.isBlank() ? "unknown" : actor;
    reason = reason == null ? "" : reason.strip();
    if (!confirmed || reason.isEmpty()) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "a restore replaces the data of "
              + app
              + "'s database (expected: --yes and --reason \"why\"; the current state is backed"
              + " up first)");
    }
  }
}
