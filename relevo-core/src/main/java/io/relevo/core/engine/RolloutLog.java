package io.relevo.core.engine;

import io.relevo.core.notify.Notifier;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.store.Store;
import java.time.Duration;
import java.time.InstantSource;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes one rollout's events to history and to whoever listens, in that order. */
final class RolloutLog {

  private static final Logger LOG = Logger.getLogger(RolloutLog.class.getName());

  final long rolloutId;
  private final Store store;
  private final Notifier notifier;
  private final RolloutListener listener;
  private final InstantSource clock;

  RolloutLog(long rolloutId, EngineParts parts, RolloutListener listener) {
    this.rolloutId = rolloutId;
    this.store = parts.store();
    this.notifier = parts.notifier();
    this.listener = listener;
    this.clock = parts.clock();
  }

  /**
   * Ends the rollout in history, records the app's last known good revision as history now judges
   * it, tells the notifier, and returns the finished record.
   */
  RolloutRecord finish(Outcome outcome, String reason) {
    event("rollout", outcome.succeeded() ? Status.OK : Status.FAILED, reason);
    store.finishRollout(rolloutId, outcome, reason, clock.instant());
    RolloutRecord record = store.rollout(rolloutId).orElseThrow();
    LastKnownGood.refresh(store, record.app());
    try {
      notifier.rolloutFinished(record);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "notifier failed for rollout " + rolloutId, e);
    }
    return record;
  }

  void event(String step, Status status, String message) {
    event(step, status, message, null);
  }

  void event(String step, Status status, String message, Duration took) {
    RolloutEvent event = new RolloutEvent(clock.instant(), step, status, message, took);
    store.appendEvent(rolloutId, event);
    try {
      listener.onEvent(rolloutId, event);
    } catch (RuntimeException e) {
      // A listener that went away (a CLI that disconnected) must not stop the rollout.
    }
  }
}
