package io.relevo.core.engine;

import io.relevo.core.config.Durations;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.WatchRecord;

/**
 * The watch after promotion ({@code rollback.watch_after_promotion}): once a revision serves all
 * traffic, it is judged for a while against the previous revision's traffic before the switch, and
 * a failure rolls back by switching. This starts it, saves it so that a restarted agent resumes it,
 * and says so in the rollout's log; {@link PromotionWatch} judges it.
 */
final class WatchStage {

  private final EngineParts parts;

  WatchStage(EngineParts parts) {
    this.parts = parts;
  }

  /** Starts the watch after promotion, judged against {@code previous}'s recent past. */
  void begin(LiveApp app, long rolloutId, Revision promoted, Revision previous, RolloutLog log) {
    var length = app.config.rollback().watchAfterPromotion();
    if (previous == null || length.isZero()) {
      return;
    }
    var now = parts.clock().instant();
    var reference =
        app.history.of(
            previous.number(), parts.metrics().snapshot(app.name, previous.number()), now);
    app.watch =
        PromotionWatch.start(app, rolloutId, promoted, previous, reference, now.plus(length), parts)
            .orElse(null);
    if (app.watch != null) {
      parts
          .store()
          .saveWatch(
              new WatchRecord(
                  app.name,
                  rolloutId,
                  promoted.number(),
                  previous.number(),
                  app.watch.until(),
                  reference.counters(),
                  reference.span()));
      log.event(
          "watch",
          Status.STARTED,
          "watching revision "
              + promoted.label()
              + " for "
              + Durations.format(length)
              + " (until "
              + app.watch.until()
              + ") against revision "
              + previous.label()
              + "'s "
              + reference
              + " before the switch; a failure rolls back by switching");
    } else {
      log.event(
          "watch",
          Status.INFO,
          "no watch after promotion: revision "
              + previous.label()
              + " has no traffic to compare with or no longer runs");
    }
  }
}
