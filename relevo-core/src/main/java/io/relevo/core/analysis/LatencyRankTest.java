package io.relevo.core.analysis;

import io.relevo.core.metrics.LatencyHistogram;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * Latency judged as Kayenta does: the window's quantiles must meet {@code fail_if} (the difference
 * is large enough to matter) and a one-sided Mann-Whitney U test must find the canary's latencies
 * higher than stable's at level α (the difference is not chance). Samples are rebuilt from the
 * window's histograms, one value per bucket (its midpoint), thinned proportionally to at most
 * {@code maxSamples} per side.
 */
final class LatencyRankTest implements RuleJudging {

  private final double alpha;
  private final int maxSamples;

  LatencyRankTest(double alpha, int maxSamples) {
    this.alpha = alpha;
    this.maxSamples = maxSamples;
  }

  @Override
  public MetricEvidence judge(Observation o) {
    MetricEvidence threshold = ThresholdJudge.judgeWindow(o);
    if (threshold.verdict() != Verdict.FAIL) {
      return threshold; // too few requests, or not large enough to matter whatever the test says
    }
    RevisionWindow reference = o.stableReference();
    if (!o.canary().hasWindowedLatency() || !reference.hasWindowedLatency()) {
      return threshold; // its detail says the quantiles were cumulative
    }
    double[] canary = samples(o.canary().latency(), maxSamples);
    double[] stable = samples(reference.latency(), maxSamples);
    if (canary.length == 0 || stable.length == 0) {
      return o.evidence(
          threshold.canary(),
          threshold.stable(),
          Verdict.INCONCLUSIVE,
          "no answered requests to compare");
    }
    double twoSided = new MannWhitneyUTest().mannWhitneyUTest(canary, stable);
    double oneSided = mean(canary) > mean(stable) ? twoSided / 2 : 1 - twoSided / 2;
    Verdict verdict = oneSided < alpha ? Verdict.FAIL : Verdict.PASS;
    String detail =
        "Mann-Whitney U: canary slower with p = "
            + Formats.fixed(oneSided, 4)
            + " (fails below "
            + alpha
            + ")";
    return o.evidence(threshold.canary(), threshold.stable(), verdict, detail);
  }

  static double[] samples(LatencyHistogram histogram, int cap) {
    long[] counts = histogram.counts();
    long[] bounds = histogram.upperBoundsMicros();
    long total = histogram.totalCount();
    double scale = total <= cap ? 1 : (double) cap / total;
    int size = 0;
    long[] kept = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      kept[i] = Math.round(counts[i] * scale);
      size += (int) kept[i];
    }
    double[] samples = new double[size];
    int next = 0;
    for (int i = 0; i < counts.length; i++) {
      double lower = i == 0 ? 0 : bounds[i - 1];
      double value = bounds[i] == Long.MAX_VALUE ? lower : (lower + bounds[i]) / 2;
      for (long k = 0; k < kept[i]; k++) {
        samples[next++] = value / 1e6;
      }
    }
    return samples;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
