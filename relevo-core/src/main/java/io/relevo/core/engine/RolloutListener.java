package io.relevo.core.engine;

import io.relevo.core.store.RolloutEvent;

/** Hears a rollout's events as they happen; the CLI shows them as live progress. Must not block. */
@FunctionalInterface
public interface RolloutListener {

  void onEvent(long rolloutId, RolloutEvent event);

  static RolloutListener none() {
    return (id, event) -> {};
  }
}
