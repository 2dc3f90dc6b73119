package io.relevo.core.engine;

import io.relevo.core.analysis.StableHistory;
import io.relevo.core.config.Durations;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.WatchRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/** Brings back, at an agent's start, the watch after promotion that the last agent left running. */
final class WatchResumption {

  private static final Logger LOG = Logger.getLogger(WatchResumption.class.getName());

  private final EngineParts parts;

  WatchResumption(EngineParts parts) {
    this.parts = parts;
  }

  /**
   * Resumes the watch after promotion that the last agent left running, with its remaining time and
   * the reference traffic it recorded; one that ran out meanwhile, or that has nothing left to
   * compare with, ends with an event saying so.
   */
  void resume(LiveApp live, Revision stable) {
    Optional<WatchRecord> saved = parts.store().watch(live.name);
    if (saved.isEmpty()) {
      return;
    }
    WatchRecord record = saved.get();
    RolloutLog log = new RolloutLog(record.rolloutId(), parts, RolloutListener.none());
    var now = parts.clock().instant();
    Optional<Revision> previous = parts.store().revision(live.name, record.previous());
    Optional<PromotionWatch> watch =
        stable == null || stable.number() != record.promoted() || previous.isEmpty()
            ? Optional.empty()
            : PromotionWatch.start(
                live,
                record.rolloutId(),
                stable,
                previous.get(),
                StableHistory.between(
                    RevisionStats.empty(), record.reference(), record.referenceSpan()),
                record.until(),
                parts);
    if (watch.isPresent()) {
      live.watch = watch.get();
      String left = Durations.format(Duration.between(now, record.until()).withNanos(0));
      log.event("watch", Status.INFO, "watch resumed after an agent restart, " + left + " left");
      LOG.info(
          live.name + ": resumed the watch of revision " + stable.label() + ", " + left + " left");
    } else {
      parts.store().clearWatch(live.name);
      log.event(
          "watch",
          Status.INFO,
          now.isBefore(record.until())
              ? "the watch ended at an agent restart: revision "
                  + record.previous()
                  + " no longer runs or revision "
                  + record.promoted()
                  + " no longer serves"
              : "the watch's time ran out while the agent was down; it was not judged to the end");
    }
  }
}
