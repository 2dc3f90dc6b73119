package io.relevo.proxy;

import io.relevo.core.metrics.LatencyHistogram;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cumulative latency counts on {@link LatencyHistogram#standardBoundsMicros() the standard bounds},
 * recorded from every event loop at once. One {@link LongAdder} per bucket, because loops that
 * answer requests of similar speed hit the same bucket and a shared atomic would bounce its cache
 * line between cores; the bucket is found by binary search over 82 bounds (seven comparisons).
 */
final class LatencyBuckets {

  private static final long[] BOUNDS = LatencyHistogram.standardBoundsMicros();

  private final LongAdder[] counts = new LongAdder[BOUNDS.length];

  LatencyBuckets() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  /** One answered request that took {@code micros}; negative values count as 0. */
  void record(long micros) {
    counts[bucketOf(micros)].increment();
  }

  /**
   * The counts so far. Not atomic across buckets: a sample recorded during the call may be in it or
   * not, and it is in every later snapshot, so two snapshots still subtract to a valid window.
   */
  LatencyHistogram snapshot() {
    long[] values = new long[counts.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = counts[i].sum();
    }
    return new LatencyHistogram(BOUNDS, values);
  }

  /** Counts per bucket (as many as the standard bounds), as a histogram on the standard bounds. */
  static LatencyHistogram histogram(long[] counts) {
    return new LatencyHistogram(BOUNDS, counts);
  }

  /** How many buckets the standard bounds make. */
  static int size() {
    return BOUNDS.length;
  }

  /** The first bucket whose upper bound is at least {@code micros}: bucket i is (b[i-1], b[i]]. */
  static int bucketOf(long micros) {
    int found = Arrays.binarySearch(BOUNDS, Math.max(0, micros));
    return found >= 0 ? found : -found - 1;
  }
}
