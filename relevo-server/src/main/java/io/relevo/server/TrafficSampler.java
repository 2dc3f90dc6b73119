package io.relevo.server;

import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.routing.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One app's traffic per revision between two samples: the counters the proxy keeps since a revision
 * first took traffic ({@link MetricsSource}), the previous sample subtracted. The first sample of a
 * revision only sets its baseline. Used by one thread at a time.
 */
final class TrafficSampler {

  private final String app;
  private final MetricsSource metrics;
  private final Map<Integer, RevisionStats> previous = new HashMap<>();
  private Instant previousAt;

  TrafficSampler(String app, MetricsSource metrics) {
    this.app = app;
    this.metrics = metrics;
  }

  /**
   * The traffic of each revision of {@code split} since the last sample, or null on the first
   * sample (nothing to subtract yet).
   */
  EventData.Traffic sample(Instant now, TrafficSplit split, IntFunction<String> versions) {
    Map<Integer, RevisionStats> current = new HashMap<>();
    List<EventData.RevisionTraffic> revisions = new ArrayList<>();
    double seconds = previousAt == null ? 0 : Duration.between(previousAt, now).toNanos() / 1e9;
    List<TrafficSplit.Backend> backends = split.backends();
    for (int i = 0; i < backends.size(); i++) {
      TrafficSplit.Backend backend = backends.get(i);
      RevisionStats stats = metrics.snapshot(app, backend.revision());
      current.put(backend.revision(), stats);
      RevisionStats before = previous.get(backend.revision());
      if (seconds > 0) {
        revisions.add(
            window(
                backend,
                EventHub.role(i),
                versions.apply(backend.revision()),
                stats,
                before,
                seconds));
      }
    }
    boolean first = previousAt == null;
    previous.clear();
    previous.putAll(current);
    previousAt = now;
    return first ? null : new EventData.Traffic(now, revisions);
  }

  private static EventData.RevisionTraffic window(
      TrafficSplit.Backend backend,
      String role,
      String version,
      RevisionStats now,
      RevisionStats before,
      double seconds) {
    long requests = now.requests() - (before == null ? 0 : before.requests());
    long errors = now.errors() - (before == null ? 0 : before.errors());
    if (requests < 0) {
      requests = now.requests(); // the counters started again (a new proxy process)
      errors = now.errors();
      before = null;
    }
    Double p50 = null;
    Double p99 = null;
    if (requests > 0) {
      LatencyHistogram histogram = histogram(now, before);
      if (histogram != null && histogram.totalCount() > 0) {
        p50 = histogram.quantileMicros(0.50) / 1000.0;
        p99 = histogram.quantileMicros(0.99) / 1000.0;
      } else {
        p50 = now.latency().p50Micros() / 1000.0; // no histogram: since the revision started
        p99 = now.latency().p99Micros() / 1000.0;
      }
    }
    return new EventData.RevisionTraffic(
        backend.revision(),
        version,
        role,
        backend.weight(),
        requests / seconds,
        requests == 0 ? 0 : (double) Math.max(0, errors) / requests,
        p50,
        p99);
  }

  private static LatencyHistogram histogram(RevisionStats now, RevisionStats before) {
    if (now.histogram() == null) {
      return null;
    }
    if (before == null || before.histogram() == null) {
      return now.histogram();
    }
    try {
      return now.histogram().minus(before.histogram());
    } catch (IllegalArgumentException differentBuckets) {
      return now.histogram();
    }
  }
}
