package io.relevo.core.engine;

import io.relevo.core.analysis.Measurement;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.store.RolloutEvent;

/**
 * Hears what happens to each app as it happens, e.g. to stream it to a dashboard: every rollout
 * event once history has it, every change of the traffic split, every analysis measurement. Called
 * in the engine's threads, in the order things happen for an app: must return at once and not throw
 * (the engine ignores what it throws).
 */
public interface EngineEvents {

  /** One event of rollout {@code rolloutId} of {@code app}, as the deploy stream carries it. */
  void rollout(String app, long rolloutId, RolloutEvent event);

  /** The app's split is now {@code split}: a canary step, an abort, a promotion, a rollback. */
  void weights(String app, TrafficSplit split);

  /**
   * One measurement of an analysis of {@code app}: {@code canaryRevision} judged against {@code
   * stableRevision} (the analysis named {@code watch} after a promotion).
   */
  void measured(
      String app, String analysis, int canaryRevision, int stableRevision, Measurement measurement);

  /** Hears nothing: the default. */
  static EngineEvents none() {
    return NoEvents.INSTANCE;
  }

  /** The null object. */
  enum NoEvents implements EngineEvents {
    INSTANCE;

    @Override
    public void rollout(String app, long rolloutId, RolloutEvent event) {}

    @Override
    public void weights(String app, TrafficSplit split) {}

    @Override
    public void measured(
        String app, String analysis, int canaryRevision, int stableRevision, Measurement m) {}
  }
}
