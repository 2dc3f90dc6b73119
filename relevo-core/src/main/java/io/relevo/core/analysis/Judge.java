package io.relevo.core.analysis;

/**
 * How a metric's canary and stable values become a verdict ({@code judge: threshold |
 * statistical}).
 *
 * <ul>
 *   <li>{@link #threshold()} (the default): the metric fails when {@code fail_if} holds on the
 *       window's values. Simple and predictable; a handful of unlucky requests on a thin window can
 *       fail it, which {@code min_requests} and {@code failure_limit} soften.
 *   <li>{@link #statistical()}: a metric fails only on significant evidence. Error rate and
 *       availability: a sequential probability ratio test (Wald) over every request since the run
 *       started, between "the canary is as good as stable" and "the canary sits on the {@code
 *       fail_if} boundary", so a clearly bad canary fails after the first requests that show it and
 *       a good one is not failed by chance. Latency: the condition must hold on the window's
 *       quantiles and a one-sided Mann-Whitney U test must find the canary slower. {@code
 *       request_count} is always judged by threshold.
 * </ul>
 */
public sealed interface Judge permits ThresholdJudge, StatisticalJudge {

  /** {@code threshold} or {@code statistical}. */
  String name();

  static Judge threshold() {
    return ThresholdJudge.INSTANCE;
  }

  /** The statistical judge with α = 0.01, β = 0.01 and at most 2,000 latency samples per side. */
  static Judge statistical() {
    return new StatisticalJudge(0.01, 0.01, 2000);
  }

  /**
   * The judge of the default analysis: statistical with α = 0.001 (each sequential test fails a
   * canary as good as stable with at most this chance over a short run; the floor that keeps the
   * test quick to catch a canary turning bad makes long runs add up, see docs/CONFIGURATION.md) and
   * β = 0.01.
   */
  static Judge sequentialDefault() {
    return new StatisticalJudge(0.001, 0.01, 2000);
  }

  /**
   * The statistical judge with explicit error rates.
   *
   * @param alpha chance of failing a canary that is as good as stable, in (0, 0.5)
   * @param beta chance of missing a canary that sits on the {@code fail_if} boundary, in (0, 0.5)
   * @param maxSamples latency samples per side fed to Mann-Whitney U, {@code >= 10}; more are
   *     thinned proportionally, bounding the test's cost
   */
  static Judge statistical(double alpha, double beta, int maxSamples) {
    return new StatisticalJudge(alpha, beta, maxSamples);
  }

  /**
   * The judge a config names.
   *
   * @throws IllegalArgumentException naming the known judges
   */
  static Judge named(String name) {
    return switch (name) {
      case "threshold" -> threshold();
      case "statistical" -> sequentialDefault();
      case null, default ->
          throw new IllegalArgumentException(
              "judge: \"" + name + "\" (expected one of: threshold, statistical)");
    };
  }
}
