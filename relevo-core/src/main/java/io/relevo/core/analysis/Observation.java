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
 * @param window length of the window
 * @param sinceStart time since the run's baseline, for judges that use all the run's evidence
 */
record Observation(
    MetricRule rule,
    int minRequests,
    RevisionStats canaryNow,
    RevisionStats stableNow,
    RevisionWindow canary,
    RevisionWindow stable,
    Duration window,
    Duration sinceStart) {

  /** Whether the window has too few requests to judge this rule. */
  boolean tooFewRequests() {
    if (rule.metric() == Metric.REQUEST_COUNT) {
      return false;
    }
    return canary.requests() < minRequests
        || (rule.failIf().readsStable() && stable.requests() < minRequests);
  }

  MetricEvidence evidence(double canaryValue, double stableValue, Verdict verdict, String detail) {
    return new MetricEvidence(
        rule.name(),
        rule.metric(),
        canaryValue,
        stableValue,
        canary.requests(),
        stable.requests(),
        rule.failIf().text(),
        window,
        verdict,
        detail);
  }
}
