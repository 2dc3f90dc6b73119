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
 * @param severity the incident's severity ({@link SeverityPolicy}); null = a plain rollback
 * @param now with SEV3 or SEV4: roll back instead of recording a fix-forward incident
 */
public record RollbackRequest(
    String app,
    Integer toRevision,
    String actor,
    String reason,
    boolean force,
    Long withRestore,
    Severity severity,
    boolean now) {

  /** A rollback without a severity. */
  public RollbackRequest(
      String app,
      Integer toRevision,
      String actor,
      String reason,
      boolean force,
      Long withRestore) {
    this(app, toRevision, actor, reason, force, withRestore, null, false);
  }

  /** A code-only rollback that respects points of no return. */
  public RollbackRequest(String app, Integer toRevision, String actor, String reason) {
    this(app, toRevision, actor, reason, false, null, null, false);
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
    if (severity != null && reason.isBlank()) {
      throw new io.relevo.core.RelevoException(
          io.relevo.core.RelevoException.Kind.BAD_INPUT,
          "--severity needs a reason for the incident record (expected: --severity "
              + severity
              + " --reason \"what users see\")");
    }
  }
}
