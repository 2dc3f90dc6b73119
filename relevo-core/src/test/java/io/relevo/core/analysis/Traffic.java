package io.relevo.core.analysis;

import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.metrics.RevisionStats;
import java.util.HashMap;
import java.util.Map;

/**
 * Cumulative counters per revision, as the proxy keeps them, fed by tests; {@link #source()} reads
 * them as a {@link MetricsSource}. Latency goes into a standard-bounds histogram.
 */
final class Traffic {

  private static final long[] BOUNDS = LatencyHistogram.standardBoundsMicros();

  private final Map<Integer, long[]> counters = new HashMap<>(); // requests, 5xx, connect, timeout
  private final Map<Integer, long[]> buckets = new HashMap<>();

  /**
   * {@code requests} answered by {@code revision} after {@code micros}, {@code errors} of them 5xx.
   */
  Traffic serve(int revision, long requests, long errors, long micros) {
    long[] c = counters.computeIfAbsent(revision, r -> new long[4]);
    c[0] += requests;
    c[1] += errors;
    long[] b = buckets.computeIfAbsent(revision, r -> new long[BOUNDS.length]);
    int bucket = 0;
    while (BOUNDS[bucket] < micros) {
      bucket++;
    }
    b[bucket] += requests;
    return this;
  }

  /** {@code requests} the proxy could not deliver to {@code revision}. */
  Traffic connectFailures(int revision, long requests) {
    long[] c = counters.computeIfAbsent(revision, r -> new long[4]);
    c[0] += requests;
    c[2] += requests;
    return this;
  }

  RevisionStats snapshot(int revision) {
    long[] c = counters.getOrDefault(revision, new long[4]);
    long[] b = buckets.getOrDefault(revision, new long[BOUNDS.length]);
    long errors = c[1] + c[2] + c[3];
    return new RevisionStats(
        c[0],
        c[0] - errors,
        0,
        0,
        c[1],
        c[2],
        c[3],
        LatencySnapshot.empty(),
        new LatencyHistogram(BOUNDS, b));
  }

  MetricsSource source() {
    return (app, revision) -> snapshot(revision);
  }
}
