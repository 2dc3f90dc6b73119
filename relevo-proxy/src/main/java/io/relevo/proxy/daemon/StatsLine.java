package io.relevo.proxy.daemon;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.RevisionStats;
import java.util.Arrays;
import java.util.Objects;

/**
 * One revision's counters as a {@code STATS} answer carries them to an agent that asks for this
 * form ({@link ControlRequest#compactStats()}): the counters as one array, and each histogram as
 * its non-empty buckets only, on the standard bounds ({@link LatencyHistogram#standard}) that both
 * sides know, instead of its 82 bounds and 82 counts. A revision under steady traffic fills a
 * handful of buckets: the answer is a tenth of the full form, and so is the agent's work to read
 * it.
 *
 * @param counters requests, 2xx, 3xx, 4xx, 5xx, connect failures, timeouts, retried (in that order)
 * @param latency the quantiles since the revision first took traffic
 * @param histogram the latency histogram's non-empty buckets as pairs of (bucket index, count);
 *     null when the source keeps none
 * @param inFlight the same for the requests in flight; null when the source tracks none
 */
@JsonDeserialize(using = StatsLineReader.class)
public record StatsLine(
    long[] counters, LatencySnapshot latency, long[] histogram, long[] inFlight) {

  private static final int COUNTERS = 8;
  private static final long[] STANDARD = LatencyHistogram.standardBoundsMicros();

  public StatsLine {
    if (counters == null || counters.length != COUNTERS) {
      throw new IllegalArgumentException(
          "counters: "
              + (counters == null ? "null" : counters.length + " values")
              + " (expected: "
              + COUNTERS
              + " values)");
    }
    Objects.requireNonNull(latency, "latency");
  }

  /** The compact form, or null when a histogram is not on the standard bounds. */
  static StatsLine of(RevisionStats stats) {
    if (!standard(stats.histogram()) || !standard(stats.inFlight())) {
      return null;
    }
    long[] counters = {
      stats.requests(),
      stats.status2xx(),
      stats.status3xx(),
      stats.status4xx(),
      stats.status5xx(),
      stats.connectFailures(),
      stats.timeouts(),
      stats.retried()
    };
    return new StatsLine(
        counters,
        stats.latency() == null ? LatencySnapshot.empty() : stats.latency(),
        sparse(stats.histogram()),
        sparse(stats.inFlight()));
  }

  /** The counters as the agent's analysis reads them. */
  public RevisionStats toStats() {
    return new RevisionStats(
        counters[0],
        counters[1],
        counters[2],
        counters[3],
        counters[4],
        counters[5],
        counters[6],
        latency,
        dense(histogram),
        counters[7],
        dense(inFlight));
  }

  private static boolean standard(LatencyHistogram histogram) {
    return histogram == null || Arrays.equals(histogram.upperBoundsMicros(), STANDARD);
  }

  private static long[] sparse(LatencyHistogram histogram) {
    if (histogram == null) {
      return null;
    }
    long[] counts = histogram.counts();
    long[] pairs = new long[2 * (int) Arrays.stream(counts).filter(c -> c != 0).count()];
    int next = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        pairs[next++] = i;
        pairs[next++] = counts[i];
      }
    }
    return pairs;
  }

  private static LatencyHistogram dense(long[] pairs) {
    if (pairs == null) {
      return null;
    }
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException(
          "histogram: " + pairs.length + " values (expected: pairs of bucket index and count)");
    }
    long[] counts = new long[STANDARD.length];
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i] < 0 || pairs[i] >= counts.length) {
        throw new IllegalArgumentException(
            "histogram: bucket " + pairs[i] + " (expected: 0 to " + (counts.length - 1) + ")");
      }
      counts[(int) pairs[i]] = pairs[i + 1];
    }
    return new LatencyHistogram(STANDARD, counts);
  }
}
