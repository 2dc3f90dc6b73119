package io.relevo.checks;

import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.RevisionStats;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The synthetic requests of one revision, counted as the proxy counts user traffic: a request
 * counts once it ends (answered, failed or timed out), and latency is to the last byte of the body,
 * in microseconds, on the standard bounds. Requests still open are tracked by when they started,
 * for {@link RevisionStats#inFlight()}. Thread-safe: answers arrive on the client's threads while
 * the scheduler sends.
 */
final class LoadCounters {

  private static final long[] BOUNDS = LatencyHistogram.standardBoundsMicros();

  private final int maxOpen;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong tokens = new AtomicLong();
  private final Map<Long, Long> openSinceNanos = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();
  private final LongAdder[] byClass = adders(6); // index = status / 100, 0 unused
  private final LongAdder connectFailures = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder[] buckets = adders(BOUNDS.length);
  private final LongAccumulator maxMicros = new LongAccumulator(Math::max, 0);

  /**
   * @param maxOpen the most requests open at once; more are counted as timeouts, not sent
   */
  LoadCounters(int maxOpen) {
    this.maxOpen = maxOpen;
  }

  /**
   * A token for a request about to be sent, or -1 when {@code maxOpen} requests are open: then the
   * request counts as a timeout at once (the revision has not answered the earlier ones).
   */
  long begin(long nowNanos) {
    if (open.incrementAndGet() > maxOpen) {
      open.decrementAndGet();
      requests.increment();
      timeouts.increment();
      return -1;
    }
    long token = tokens.incrementAndGet();
    openSinceNanos.put(token, nowNanos);
    return token;
  }

  /** The revision answered the request of {@code token} with {@code status}, in {@code micros}. */
  void answered(long token, int status, long micros) {
    if (end(token)) {
      requests.increment();
      byClass[Math.clamp(status / 100, 2, 5)].increment();
      buckets[bucketOf(micros)].increment();
      maxMicros.accumulate(micros);
    }
  }

  /** The request could not reach the revision, or lost its connection before the answer. */
  void connectFailed(long token) {
    if (end(token)) {
      requests.increment();
      connectFailures.increment();
    }
  }

  void timedOut(long token) {
    if (end(token)) {
      requests.increment();
      timeouts.increment();
    }
  }

  /** The request was cut off because the load stopped: it is not counted. */
  void abandoned(long token) {
    end(token);
  }

  /** Requests sent and not ended. */
  int open() {
    return open.get();
  }

  RevisionStats snapshot(long nowNanos) {
    long[] counts = new long[BOUNDS.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = buckets[i].sum();
    }
    LatencyHistogram histogram = new LatencyHistogram(BOUNDS, counts);
    long[] waiting = new long[BOUNDS.length];
    for (long since : openSinceNanos.values()) {
      waiting[bucketOf((nowNanos - since) / 1_000)]++;
    }
    return new RevisionStats(
        requests.sum(),
        byClass[2].sum(),
        byClass[3].sum(),
        byClass[4].sum(),
        byClass[5].sum(),
        connectFailures.sum(),
        timeouts.sum(),
        latency(histogram, maxMicros.get()),
        histogram,
        0,
        new LatencyHistogram(BOUNDS, waiting));
  }

  /** Whether {@code token} was open; each request ends once, whatever reports it. */
  private boolean end(long token) {
    if (token < 0 || openSinceNanos.remove(token) == null) {
      return false;
    }
    open.decrementAndGet();
    return true;
  }

  private static LatencySnapshot latency(LatencyHistogram histogram, long max) {
    long count = histogram.totalCount();
    if (count == 0) {
      return LatencySnapshot.empty();
    }
    return new LatencySnapshot(
        count,
        quantile(histogram, 0.5, max),
        quantile(histogram, 0.95, max),
        quantile(histogram, 0.99, max),
        max);
  }

  /** Interpolation inside a bucket may pass the slowest answer; no quantile is above it. */
  private static long quantile(LatencyHistogram histogram, double q, long max) {
    return Math.min(Math.round(histogram.quantileMicros(q)), max);
  }

  /** The first bucket whose upper bound is at least {@code micros}: bucket i is (b[i-1], b[i]]. */
  private static int bucketOf(long micros) {
    int found = Arrays.binarySearch(BOUNDS, Math.max(0, micros));
    return found >= 0 ? found : -found - 1;
  }

  private static LongAdder[] adders(int n) {
    LongAdder[] adders = new LongAdder[n];
    Arrays.setAll(adders, i -> new LongAdder());
    return adders;
  }
}
