package io.relevo.core.analysis;

/**
 * Fails a metric only on significant evidence: a sequential test for shares, Mann-Whitney U for
 * latency. See {@link Judge#statistical()}.
 */
record StatisticalJudge(double alpha, double beta, int maxSamples) implements Judge {

  StatisticalJudge {
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new IllegalArgumentException("alpha: " + alpha + " (expected: 0 < alpha < 0.5)");
    }
    if (!(beta > 0 && beta < 0.5)) {
      throw new IllegalArgumentException("beta: " + beta + " (expected: 0 < beta < 0.5)");
    }
    if (maxSamples < 10) {
      throw new IllegalArgumentException("maxSamples: " + maxSamples + " (expected: >= 10)");
    }
  }

  @Override
  public String name() {
    return "statistical";
  }

  RuleJudging start(MetricRule rule) {
    Metric metric = rule.metric();
    if (metric.isShare()) {
      return new SequentialShareTest(alpha, beta);
    }
    if (metric.isLatency()) {
      return new LatencyRankTest(alpha, maxSamples);
    }
    return ThresholdJudge::judgeWindow;
  }

  @Override
  public String toString() {
    return "statistical(alpha " + alpha + ", beta " + beta + ")";
  }
}
