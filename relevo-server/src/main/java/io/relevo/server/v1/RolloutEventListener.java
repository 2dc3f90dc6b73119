package io.relevo.server.v1;

/** Hears each event of a rollout stream as the agent sends it; must not block for long. */
@FunctionalInterface
public interface RolloutEventListener {

  void onEvent(long rolloutId, RolloutEventView event);

  /** A listener that ignores every event. */
  static RolloutEventListener none() {
    return (id, event) -> {};
  }
}
