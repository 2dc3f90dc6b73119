package io.relevo.observe;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.relevo.core.metrics.LatencyHistogram;

/**
 * Core's 82 latency buckets (100 µs × 2^(k/4)) folded four into one: 100 µs × 2^n seconds up to
 * about 105 s, then +Inf. Twenty-two buckets keep a revision's series few while p50/p95/p99 stay
 * within a factor of two of a bucket; the analysis keeps the fine buckets for its own judging.
 */
final class PrometheusBuckets {

  private static final int FOLD = 4;

  private PrometheusBuckets() {}

  static ClassicHistogramBuckets of(LatencyHistogram histogram) {
    long[] bounds = histogram.upperBoundsMicros();
    long[] counts = histogram.counts();
    int lastFinite = bounds.length - 2;
    int finite = lastFinite < 0 ? 0 : (lastFinite + FOLD - 1) / FOLD + 1;
    double[] upper = new double[finite + 1];
    long[] perBucket = new long[finite + 1];
    for (int i = 0; i <= lastFinite; i++) {
      int out = (i + FOLD - 1) / FOLD;
      perBucket[out] += counts[i];
      upper[out] = bounds[i] / 1_000_000.0;
    }
    upper[finite] = Double.POSITIVE_INFINITY;
    perBucket[finite] = counts[bounds.length - 1];
    return ClassicHistogramBuckets.of(upper, perBucket);
  }
}
