package io.relevo.core.analysis;

import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.RevisionStats;

/**
 * What one revision did between two cumulative snapshots.
 *
 * @param requests requests in the window
 * @param errors 5xx, connection failures, timeouts and retried requests in the window
 * @param histogram latency distribution of the window; {@code null} when the source keeps none
 * @param cumulativeLatency the later snapshot's quantiles since the revision started, used for
 *     latency when there is no histogram (then the value covers more than the window)
 * @param inFlight how long the requests still in flight at the later snapshot had waited; {@code
 *     null} when the source does not track them
 */
record RevisionWindow(
    long requests,
    long errors,
    LatencyHistogram histogram,
    LatencySnapshot cumulativeLatency,
    LatencyHistogram inFlight) {

  /** No traffic. */
  static RevisionWindow empty() {
    return new RevisionWindow(0, 0, LatencyHistogram.empty(), LatencySnapshot.empty(), null);
  }

  /**
   * The difference {@code after - before}. When a counter went backwards the source restarted (an
   * agent restart resets the proxy's counters), and the window is everything {@code after} holds.
   */
  static RevisionWindow between(RevisionStats before, RevisionStats after) {
    boolean restarted = after.requests() < before.requests() || after.errors() < before.errors();
    RevisionStats base = restarted ? RevisionStats.empty() : before;
    return new RevisionWindow(
        after.requests() - base.requests(),
        after.errors() - base.errors(),
        histogram(base, after),
        after.latency() == null ? LatencySnapshot.empty() : after.latency(),
        after.inFlight());
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

  /**
   * Latency samples the window's quantiles rest on: answered requests, plus requests still in
   * flight (each counted at the time it has waited so far, a lower bound of its latency).
   */
  long latencySamples() {
    return latency() == null ? requests : latency().totalCount();
  }

  /**
   * The window's latency distribution with the requests in flight added at their age, so a request
   * that has waited 4 s counts as at least 4 s before it finishes; null without a histogram.
   */
  LatencyHistogram latency() {
    if (histogram == null || inFlight == null || inFlight.totalCount() == 0) {
      return histogram;
    }
    try {
      return histogram.plus(inFlight);
    } catch (IllegalArgumentException differentBounds) {
      return histogram;
    }
  }

  /** The {@code q} latency quantile in seconds; 0 without samples. */
  double latencySeconds(double q) {
    LatencyHistogram latency = latency();
    if (latency != null) {
      return latency.quantileMicros(q) / 1e6;
    }
    long micros =
        q <= 0.5
            ? cumulativeLatency.p50Micros()
            : q <= 0.95 ? cumulativeLatency.p95Micros() : cumulativeLatency.p99Micros();
    return micros / 1e6;
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
