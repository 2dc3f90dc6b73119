package io.relevo.core.analysis;

import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.RevisionStats;

/**
 * What one revision did between two cumulative snapshots.
 *
 * @param requests requests in the window
 * @param errors 5xx, connection failures and timeouts in the window
 * @param histogram latency distribution of the window; {@code null} when the source keeps none
 * @param cumulativeLatency the later snapshot's quantiles since the revision started, used for
 *     latency when there is no histogram (then the value covers more than the window)
 */
record RevisionWindow(
    long requests, long errors, LatencyHistogram histogram, LatencySnapshot cumulativeLatency) {

  /**
   * The difference {@code after - before}. When a counter went backwards the source restarted (an
   * agent restart resets the proxy's counters), and the window is everything {@code after} holds.
   */
  static RevisionWindow between(RevisionStats before, RevisionStats after) {
    boolean restarted = after.requests() < before.requests() || errors(after) < errors(before);
    RevisionStats base = restarted ? RevisionStats.empty() : before;
    return new RevisionWindow(
        after.requests() - base.requests(),
        errors(after) - errors(base),
        histogram(base, after),
        after.latency() == null ? LatencySnapshot.empty() : after.latency());
  }

  /** Requests that did not fail: {@code requests - errors}. */
  long successes() {
    return requests - errors;
  }

  /**
   * Whether latency quantiles describe this window exactly, rather than the revision's lifetime.
   */
  boolean hasWindowedLatency() {
    return histogram != null;
  }

  /** The {@code q} latency quantile in seconds; 0 without samples. */
  double latencySeconds(double q) {
    if (histogram != null) {
      return histogram.quantileMicros(q) / 1e6;
    }
    long micros =
        q <= 0.5
            ? cumulativeLatency.p50Micros()
            : q <= 0.95 ? cumulativeLatency.p95Micros() : cumulativeLatency.p99Micros();
    return micros / 1e6;
  }

  private static long errors(RevisionStats stats) {
    return stats.errors();
  }

  private static LatencyHistogram histogram(RevisionStats base, RevisionStats after) {
    LatencyHistogram later = after.histogram();
    LatencyHistogram earlier = base.histogram();
    if (later == null) {
      return null;
    }
    if (earlier == null) {
      return base.requests() == 0 ? later : null;
    }
    try {
      return later.minus(earlier);
    } catch (IllegalArgumentException differentBoundsOrRestart) {
      return null; // fall back to cumulative quantiles rather than fail the measurement
    }
  }
}
