package io.relevo.core.analysis;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An analysis as configured under {@code analysis.NAME}: what to measure, how often, and when the
 * run passes or fails. Immutable; each use starts an {@link AnalysisRun}.
 *
 * @param name the analysis' name, as steps refer to it ({@code analysis: default})
 * @param interval time between measurements, {@code > 0}
 * @param count measurements that must be decided (pass or fail) before the run passes; 0 = until
 *     {@link AnalysisRun#stop()} (background analysis for the whole rollout)
 * @param failureLimit failed measurements tolerated; one more fails the run
 * @param minRequests requests each side needs in a window; fewer make the measurement inconclusive
 * @param inconclusive how long to wait for enough requests, and what to do then
 * @param consecutiveErrorLimit measurements in a row that could not be taken (metrics source
 *     failing) tolerated; one more ends the run in {@link AnalysisState#ERROR}
 * @param judge {@code threshold} or {@code statistical}
 * @param metrics at least one, with unique names
 * @param load synthetic load sent while the analysis runs; {@link LoadSpec#NONE} for none
 */
public record AnalysisTemplate(
    String name,
    Duration interval,
    int count,
    int failureLimit,
    int minRequests,
    InconclusivePolicy inconclusive,
    int consecutiveErrorLimit,
    Judge judge,
    List<MetricRule> metrics,
    LoadSpec load) {

  /** A template without synthetic load. */
  public AnalysisTemplate(
      String name,
      Duration interval,
      int count,
      int failureLimit,
      int minRequests,
      InconclusivePolicy inconclusive,
      int consecutiveErrorLimit,
      Judge judge,
      List<MetricRule> metrics) {
    this(
        name,
        interval,
        count,
        failureLimit,
        minRequests,
        inconclusive,
        consecutiveErrorLimit,
        judge,
        metrics,
        LoadSpec.NONE);
  }

  public AnalysisTemplate {
    load = load == null ? LoadSpec.NONE : load;
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: \"" + name + "\" (expected: a non-blank name)");
    }
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(name + ".interval: " + interval + " (expected: > 0)");
    }
    nonNegative(name + ".count", count);
    nonNegative(name + ".failure_limit", failureLimit);
    nonNegative(name + ".min_requests", minRequests);
    nonNegative(name + ".consecutive_error_limit", consecutiveErrorLimit);
    if (inconclusive == null || judge == null) {
      throw new IllegalArgumentException(
          name + ": inconclusive and judge are required (got " + inconclusive + ", " + judge + ")");
    }
    if (metrics == null || metrics.isEmpty()) {
      throw new IllegalArgumentException(name + ".metrics: none (expected: at least one)");
    }
    metrics = List.copyOf(metrics);
    Set<String> names = new HashSet<>();
    for (MetricRule rule : metrics) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException(
            name + ".metrics: \"" + rule.name() + "\" twice (expected: unique names)");
      }
    }
  }

  /**
   * The analysis used when an app configures none: the runbooks' three rules (error rate more than
   * 5 points above stable, p95 latency more than 3 s above stable, availability under 95%), judged
   * every second by the statistical judge ({@link Judge#sequentialDefault()}) on every request
   * since the step began, weighed against stable's last hour.
   *
   * <p>It fails as soon as the evidence is significant (a canary answering only 5xx at 10% of 100
   * requests a second within about a second, one at 20% 5xx within a few), with no failed
   * measurement tolerated because each verdict already weighs all the run's requests; it passes
   * after 30 measurements in which the evidence favoured the canary (30 s at steady traffic); at
   * least 5 canary requests before any verdict; up to 60 measurements without enough evidence, then
   * the rollout pauses for a human, unless the canary already looks worse than its conditions
   * allow, which fails it; up to 10 unreadable measurements in a row.
   */
  public static AnalysisTemplate defaults() {
    return new AnalysisTemplate(
        "default",
        Duration.ofSeconds(1),
        30,
        0,
        5,
        InconclusivePolicy.pauseAfter(60),
        10,
        Judge.sequentialDefault(),
        runbookRules());
  }

  /**
   * The defaults of an analysis that names {@code judge: threshold}: fixed 10 s windows, each
   * judged on its own values, three decided windows to pass, at least 50 requests per side and
   * window, one failed window tolerated (a second fails the run), three inconclusive windows then a
   * pause, four unreadable windows in a row.
   */
  public static AnalysisTemplate thresholdDefaults() {
    return new AnalysisTemplate(
        "default",
        Duration.ofSeconds(10),
        3,
        1,
        50,
        InconclusivePolicy.pauseAfter(3),
        4,
        Judge.threshold(),
        runbookRules());
  }

  /** The runbooks' numbers: +5 points of errors, +3 s of p95, availability under 95%. */
  public static List<MetricRule> runbookRules() {
    return List.of(
        MetricRule.of("error-rate", "error_rate", "canary - stable > 0.05"),
        MetricRule.of("p95", "latency_p95", "canary - stable > 3s"),
        MetricRule.of("availability", "availability", "canary < 0.95"));
  }

  /** This template judged by {@code judge}. */
  public AnalysisTemplate withJudge(Judge judge) {
    return new AnalysisTemplate(
        name,
        interval,
        count,
        failureLimit,
        minRequests,
        inconclusive,
        consecutiveErrorLimit,
        judge,
        metrics,
        load);
  }

  private static void nonNegative(String what, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + ": " + value + " (expected: >= 0)");
    }
  }
}
