package io.relevo.core.analysis;

import java.time.Duration;
import java.util.Optional;

/**
 * One metric's values and verdict in one measurement: what a rollback record keeps and prints.
 *
 * @param name the rule's name
 * @param metric what was measured
 * @param canary the canary's value (shares as fractions, latencies in seconds)
 * @param stable the stable revision's value
 * @param canaryRequests the canary's requests behind the value
 * @param stableRequests the stable revision's requests behind the value
 * @param condition the {@code fail_if} condition
 * @param window the time the values cover
 * @param verdict the outcome
 * @param detail why, when the values alone do not say it (the test statistic, the missing requests,
 *     the error); empty otherwise
 */
public record MetricEvidence(
    String name,
    Metric metric,
    double canary,
    double stable,
    long canaryRequests,
    long stableRequests,
    Condition condition,
    Duration window,
    Verdict verdict,
    String detail) {

  public MetricEvidence {
    detail = detail == null ? "" : detail;
  }

  /**
   * {@code error-rate: canary 7.2% vs stable 0.4% (fail if canary - stable > 0.05) over 30s, 812 vs
   * 7301 requests}, then {@code ; detail} when there is one.
   */
  public String describe() {
    if (metric == Metric.QUERY) {
      // a query's values cover the query's own range, not the analysis window
      return name
          + ": canary "
          + metric.format(canary)
          + " vs stable "
          + metric.format(stable)
          + " (fail if "
          + condition.text()
          + ")"
          + (detail.isEmpty() ? "" : "; " + detail);
    }
    String values =
        verdict == Verdict.ERROR && canaryRequests == 0 && stableRequests == 0
            ? "no values"
            : "canary " + metric.format(canary) + " vs stable " + metric.format(stable);
    return name
        + ": "
        + values
        + " (fail if "
        + condition.text()
        + ") over "
        + Formats.duration(window)
        + ", "
        + canaryRequests
        + " vs "
        + stableRequests
        + " requests"
        + (detail.isEmpty() ? "" : "; " + detail);
  }

  /** What the condition compares with its threshold for these values, when it has one. */
  public Optional<Condition.Limit> limit() {
    return condition.limit(canary, stable);
  }

  @Override
  public String toString() {
    return verdict + " " + describe();
  }
}
