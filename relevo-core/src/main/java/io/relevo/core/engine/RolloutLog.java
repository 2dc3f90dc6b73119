package io.relevo.core.engine;

import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.Store;
import java.time.Duration;
import java.time.InstantSource;

/** Writes one rollout's events to history and to whoever listens, in that order. */
final class RolloutLog {

  final long rolloutId;
  private final Store store;
  private final RolloutListener listener;
  private final InstantSource clock;

  RolloutLog(long rolloutId, Store store, RolloutListener listener, InstantSource clock) {
    this.rolloutId = rolloutId;
    this.store = store;
    this.listener = listener;
    this.clock = clock;
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
