package io.relevo.server.v1;

import io.relevo.core.RelevoException;

/**
 * The body of {@code POST /api/v1/apps/{app}/restore}.
 *
 * @param backupId the backup to restore; required
 * @param actor who asks
 * @param reason why; required
 * @param yes the person confirmed that the database's data is replaced
 */
public record RestoreBody(Long backupId, String actor, String reason, boolean yes) {

  public RestoreBody {
    if (backupId == null) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "request body: backupId: missing (expected: the id of a backup, as `relevo backups`"
              + " lists them)");
    }
  }
}
