package io.relevo.core.store;

import java.time.Instant;
import java.util.List;

/**
 * One move of traffic, as history keeps it.
 *
 * @param id assigned by the store
 * @param app the app
 * @param kind a deploy of a new revision or a rollback to an older one
 * @param fromRevision the stable revision when it started; null for an app's first deploy
 * @param toRevision the revision traffic moves to
 * @param strategy {@code bluegreen}, {@code canary}, {@code switch} (warm rollback), …
 * @param actor who started it (user name or {@code relevo} for automatic actions)
 * @param reason why, as the actor said; may be empty
 * @param startedAt when it started
 * @param finishedAt when it ended; null while running
 * @param outcome how it ended
 * @param outcomeReason why it ended so, for a failure the message the user saw
 * @param events what happened, in order
 */
public record RolloutRecord(
    long id,
    String app,
    Kind kind,
    Integer fromRevision,
    int toRevision,
    String strategy,
    String actor,
    String reason,
    Instant startedAt,
    Instant finishedAt,
    Outcome outcome,
    String outcomeReason,
    List<RolloutEvent> events) {

  public RolloutRecord {
    events = events == null ? List.of() : List.copyOf(events);
    reason = reason == null ? "" : reason;
  }

  /** What a rollout does. */
  public enum Kind {
    DEPLOY,
    ROLLBACK,
    /** A database restore: traffic through the front door stopped while it ran. */
    RESTORE,
    /** An incident recorded by {@code rollback --severity} without a rollback: fix forward. */
    INCIDENT
  }

  /**
   * How a rollout ended. A deploy ends {@link #PROMOTED}, {@link #FAILED} or {@link #ROLLED_BACK}
   * (also later, when a rollback undoes it); a rollback ends {@link #RESTORED} or {@link #FAILED}.
   */
  public enum Outcome {
    /** Still under way. */
    RUNNING,
    /** A deploy's new revision took all traffic. */
    PROMOTED,
    /** Refused before any switch; stable untouched. */
    FAILED,
    /** A deploy that switched traffic, then traffic went back to the previous revision. */
    ROLLED_BACK,
    /** Stopped by a user before any switch. */
    ABORTED,
    /**
     * A rollback that worked: the earlier revision serves all traffic again. History written before
     * this value existed has {@link #PROMOTED} for these; the store migrates them.
     */
    RESTORED,
    /** An incident recorded to fix forward; traffic untouched. */
    RECORDED;

    /** True when the rollout did what it set out to do: {@link #PROMOTED} or {@link #RESTORED}. */
    public boolean succeeded() {
      return this == PROMOTED || this == RESTORED;
    }
  }
}
