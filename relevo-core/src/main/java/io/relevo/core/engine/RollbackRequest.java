package io.relevo.core.engine;

/**
 * A request to take traffic back to an earlier revision.
 *
 * @param app the app
 * @param toRevision the revision to return to; null = the last known good revision other than the
 *     stable one, warm first
 * @param actor who asks
 * @param reason why, may be empty; required with {@code force}
 * @param force roll the code back past a point of no return (a destructive migration) without
 *     restoring the database
 * @param withRestore the backup to restore before the code goes back past a point of no return;
 *     null = none
 */
public record RollbackRequest(
    String app, Integer toRevision, String actor, String reason, boolean force, Long withRestore) {

  /** A code-only rollback that respects points of no return. */
  public RollbackRequest(String app, Integer toRevision, String actor, String reason) {
    this(app, toRevision, actor, reason, false, null);
  }

  public RollbackRequest {
    actor = actor == null || actor.isBlank() ? "unknown" : actor;
    reason = reason == null ? "" : reason;
    if (force && reason.isBlank()) {
      throw new io.relevo.core.RelevoException(
          io.relevo.core.RelevoException.Kind.BAD_INPUT,
          "--force needs a reason (expected: --force --reason \"why the code may go back without"
              + " the data\")");
    }
  }
}
