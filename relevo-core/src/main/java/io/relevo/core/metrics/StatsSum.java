package io.relevo.core.metrics;

/** How {@link RevisionStats#plus} adds what does not simply add: histograms and quantiles. */
final class StatsSum {

  private StatsSum() {}

  /** Both latency histograms added; {@code null} when either side's samples cannot be placed. */
  static LatencyHistogram histogram(RevisionStats a, RevisionStats b) {
    LatencyHistogram ha = a.histogram();
    LatencyHistogram hb = b.histogram();
    if (ha == null || hb == null) {
      if (ha == null && a.requests() > 0 || hb == null && b.requests() > 0) {
        return null;
      }
      return ha == null ? hb : ha;
    }
    return added(ha, hb);
  }

  /** Requests in flight on both sides; a side that does not track them adds nothing. */
  static LatencyHistogram inFlight(LatencyHistogram a, LatencyHistogram b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    LatencyHistogram sum = added(a, b);
    // Bounds that differ cannot be added; the side with more requests waiting says more.
    return sum != null ? sum : a.totalCount() >= b.totalCount() ? a : b;
  }

  /**
   * Quantiles of both sides' samples: recomputed from {@code summed} when both have samples and it
   * holds them, else the side's with more samples; the count and the maximum are always exact.
   */
  static LatencySnapshot latency(LatencySnapshot a, LatencySnapshot b, LatencyHistogram summed) {
    a = a == null ? LatencySnapshot.empty() : a;
    b = b == null ? LatencySnapshot.empty() : b;
    if (a.count() == 0 || b.count() == 0) {
      return a.count() == 0 ? b : a;
    }
    long count = a.count() + b.count();
    long max = Math.max(a.maxMicros(), b.maxMicros());
    if (summed != null && summed.totalCount() > 0) {
      return new LatencySnapshot(
          count,
          quantile(summed, 0.5, max),
          quantile(summed, 0.95, max),
          quantile(summed, 0.99, max),
          max);
    }
    LatencySnapshot larger = a.count() >= b.count() ? a : b;
    return new LatencySnapshot(
        count, larger.p50Micros(), larger.p95Micros(), larger.p99Micros(), max);
  }

  private static LatencyHistogram added(LatencyHistogram a, LatencyHistogram b) {
    if (a.totalCount() == 0 || b.totalCount() == 0) {
      return a.totalCount() == 0 ? b : a; // keeps a source's own bounds when the other is empty
    }
    try {
      return a.plus(b);
    } catch (IllegalArgumentException differentBounds) {
      return null;
    }
  }

  /** Interpolation inside a bucket may pass the slowest sample; no quantile is above it. */
  private static long quantile(LatencyHistogram histogram, double q, long max) {
    return Math.min(Math.round(histogram.quantileMicros(q)), max);
  }
}
