package io.relevo.core.load;

import io.relevo.core.analysis.LoadSpec;
import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.runtime.Endpoint;
import java.util.Map;

/**
 * Sends an analysis' synthetic load ({@link LoadSpec}) to revisions directly and counts the
 * answers, apart from the router's counters of user traffic.
 */
public interface SyntheticLoad {

  /**
   * Starts sending {@code spec} to every target at {@code spec.ratePerSecond()} each, until the
   * returned load is closed. Never throws for a target that fails: its failures are counted.
   *
   * @param targets revision number to where it serves
   */
  Running start(String app, LoadSpec spec, Map<Integer, Endpoint> targets);

  /** Load being sent; its counters read like the router's, cumulative since {@link #start}. */
  interface Running extends MetricsSource, AutoCloseable {

    /** Stops sending; waits at most a moment for requests in flight. Idempotent. */
    @Override
    void close();
  }

  /** Sends nothing; every revision reads empty. */
  static SyntheticLoad none() {
    return (app, spec, targets) ->
        new Running() {
          @Override
          public RevisionStats snapshot(String app1, int revision) {
            return RevisionStats.empty();
          }

          @Override
          public void close() {}
        };
  }
}
