package io.relevo.core.metrics;

/**
 * Latency quantiles in microseconds; all zero with no samples.
 *
 * @param count samples
 * @param p50Micros median
 * @param p95Micros 95th percentile
 * @param p99Micros 99th percentile
 * @param maxMicros slowest
 */
public record LatencySnapshot(
    long count, long p50Micros, long p95Micros, long p99Micros, long maxMicros) {

  public static LatencySnapshot empty() {
    return new LatencySnapshot(0, 0, 0, 0, 0);
  }
}
