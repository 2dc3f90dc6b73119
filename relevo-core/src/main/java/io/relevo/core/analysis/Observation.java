package io.relevo.core.analysis;

import io.relevo.core.metrics.RevisionStats;
import java.time.Duration;

/**
 * What a judge sees of one metric at one measurement.
 *
 * @param rule the metric and its condition
 * @param minRequests requests each side needs in the window
 * @param canaryNow the canary's cumulative counters now
 * @param stableNow the stable revision's cumulative counters now
 * @param canary the canary's window
 * @param stable the stable revision's window
 * @param stableHistory the stable revision's traffic before the run started (its recent past, up to
 *     an hour); empty when it has none
 * @param window length of the window
 * @param sinceStart time since the run's baseline, for judges that use all the run's evidence
 * @param app the app, for queried rules' placeholders
 * @param canaryRevision the canary's number
 * @param stableRevision the stable revision's number
 * @param at when the measurement is taken
 * @param promql runs the queries of PromQL rules
 */
record Observation(
    MetricRule rule,
    int minRequests,
    RevisionStats canaryNow,
    RevisionStats stableNow,
    RevisionWindow canary,
    RevisionWindow stable,
    RevisionWindow stableHistory,
    Duration window,
    Duration sinceStart,
    String app,
    int canaryRevision,
    int stableRevision,
    java.time.Instant at,
    PromQl promql) {

  /**
   * What the canary's window is compared with: stable's same window when it has enough requests,
   * else stable's recent history when that has (a revision that no longer takes traffic, as after a
   * promotion, or an app with thin traffic), else the same window.
   */
  RevisionWindow stableReference() {
    if (!enough(stable) && enough(stableHistory)) {
      return stableHistory;
    }
    return stable;
  }

  /** Whether {@link #stableReference()} is stable's history rather than its same window. */
  boolean comparesWithHistory() {
    return stableReference() != stable;
  }

  /** Whether the window has too few requests to judge this rule. */
  boolean tooFewRequests() {
    if (rule.metric() == Metric.REQUEST_COUNT) {
      return false;
    }
    return !enough(canary) || (rule.failIf().readsStable() && !enough(stableReference()));
  }

  /** {@code fewer than 5 requests (canary 3, stable 2)}: why a window is too thin, with numbers. */
  String tooFewDetail() {
    RevisionWindow reference = stableReference();
    return "fewer than "
        + minRequests
        + " requests to judge (canary "
        + samples(canary)
        + ", stable "
        + samples(reference)
        + (reference == stableHistory ? " in its recent history" : "")
        + ")";
  }

  MetricEvidence evidence(double canaryValue, double stableValue, Verdict verdict, String detail) {
    return new MetricEvidence(
        rule.name(),
        rule.metric(),
        canaryValue,
        stableValue,
        canary.requests(),
        stableReference().requests(),
        rule.failIf(),
        window,
        verdict,
        detail);
  }

  /** Evidence of a queried rule: its values stand alone, no request counts behind them. */
  MetricEvidence queried(double canaryValue, double stableValue, Verdict verdict, String detail) {
    return new MetricEvidence(
        rule.name(),
        rule.metric(),
        canaryValue,
        stableValue,
        0,
        0,
        rule.failIf(),
        window,
        verdict,
        detail);
  }

  private boolean enough(RevisionWindow side) {
    return samples(side) >= minRequests;
  }

  /** Latency rules count requests in flight too; other rules count answered requests. */
  private long samples(RevisionWindow side) {
    return rule.metric().isLatency() ? side.latencySamples() : side.requests();
  }
}
