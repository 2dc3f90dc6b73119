package io.relevo.server.v1;

/**
 * The body of {@code POST /api/v1/apps/{app}/rollback}.
 *
 * @param toRevision the revision to go back to; null = the last known good one, warm first
 * @param actor who asks
 * @param reason why; may be empty, but not with {@code force}
 * @param force roll the code back past a point of no return without restoring; absent = false
 * @param withRestore the backup to restore before going back past a point of no return; absent =
 *     none
 * @param severity SEV1..SEV4 for a rollback by severity; absent = a plain rollback
 * @param now with SEV3 or SEV4: roll back instead of recording a fix-forward incident
 */
public record RollbackBody(
    Integer toRevision,
    String actor,
    String reason,
    boolean force,
    Long withRestore,
    String severity,
    boolean now) {

  /** A rollback without a severity. */
  public RollbackBody(
      Integer toRevision, String actor, String reason, boolean force, Long withRestore) {
    this(toRevision, actor, reason, force, withRestore, null, false);
  }

  /** A code-only rollback that respects points of no return. */
  public RollbackBody(Integer toRevision, String actor, String reason) {
    this(toRevision, actor, reason, false, null, null, false);
  }
}
