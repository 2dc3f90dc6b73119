package io.relevo.core.engine;

import io.relevo.core.analysis.StableHistory;
import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.metrics.RevisionStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The recent past of an app's serving revision: a snapshot of its counters about once a minute for
 * the last hour, so that an analysis can weigh stable's last hour with the canary's first requests.
 * Thread-safe.
 */
final class TrafficHistory {

  static final Duration EVERY = Duration.ofMinutes(1);
  static final Duration SPAN = Duration.ofHours(1);

  private record Sample(int revision, Instant at, RevisionStats stats) {}

  private final Deque<Sample> samples = new ArrayDeque<>();

  /**
   * Keeps a snapshot of {@code revision} when the last one is a minute old or of another revision.
   */
  synchronized void sample(String app, int revision, MetricsSource metrics, Instant now) {
    Sample last = samples.peekLast();
    if (last != null && last.revision == revision && last.at.plus(EVERY).isAfter(now)) {
      return;
    }
    if (last != null && last.revision != revision) {
      samples.clear();
    }
    samples.addLast(new Sample(revision, now, metrics.snapshot(app, revision)));
    while (samples.size() > 1 && samples.peekFirst().at.plus(SPAN).isBefore(now)) {
      samples.removeFirst();
    }
  }

  /**
   * {@code revision}'s traffic from the oldest snapshot within the last hour up to {@code now};
   * without one, everything its counters hold (since it first took traffic or the agent started).
   */
  synchronized StableHistory of(int revision, RevisionStats now, Instant at) {
    for (Sample sample : samples) {
      if (sample.revision == revision && !sample.at.plus(SPAN).isBefore(at)) {
        return StableHistory.between(sample.stats, now, Duration.between(sample.at, at));
      }
    }
    return StableHistory.between(RevisionStats.empty(), now, Duration.ZERO);
  }
}
