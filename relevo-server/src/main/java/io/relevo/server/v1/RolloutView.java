package io.relevo.server.v1;

import io.relevo.core.store.RolloutRecord;
import java.time.Instant;
import java.util.List;

/**
 * One move of traffic, as the API shows it (history, a stream's result, the rollout under way).
 *
 * @param id its number in history
 * @param fromRevision the stable revision when it started; null for an app's first deploy
 * @param strategy {@code bluegreen}, {@code canary}, {@code switch}, …
 * @param actor who started it
 * @param reason why, as the actor said; never null, may be empty
 * @param finishedAt when it ended; null while it runs
 * @param outcomeReason why it ended so
 * @param events what happened, in order
 */
public record RolloutView(
    long id,
    String app,
    RolloutKind kind,
    Integer fromRevision,
    int toRevision,
    String strategy,
    String actor,
    String reason,
    Instant startedAt,
    Instant finishedAt,
    RolloutOutcome outcome,
    String outcomeReason,
    List<RolloutEventView> events) {

  public RolloutView {
    events = events == null ? List.of() : List.copyOf(events);
    reason = reason == null ? "" : reason;
  }

  public static RolloutView of(RolloutRecord r) {
    return r == null
        ? null
        : new RolloutView(
            r.id(),
            r.app(),
            WireEnums.of(RolloutKind.class, r.kind()),
            r.fromRevision(),
            r.toRevision(),
            r.strategy(),
            r.actor(),
            r.reason(),
            r.startedAt(),
            r.finishedAt(),
            WireEnums.of(RolloutOutcome.class, r.outcome()),
            r.outcomeReason(),
            r.events().stream().map(RolloutEventView::of).toList());
  }
}
