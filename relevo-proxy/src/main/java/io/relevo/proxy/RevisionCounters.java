package io.relevo.proxy;

import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.RevisionStats;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Cumulative traffic counters of one revision. Recording is wait-free (LongAdders, an HdrHistogram
 * {@link Recorder} for the quantiles and {@link LatencyBuckets} for the windowable histogram)
 * because it runs on the event loops for every request; only {@link #snapshot} takes a lock.
 *
 * <p>Latency is the time from the proxy receiving the request's headers to it receiving the last
 * byte of the revision's response and forwarding it to the client (measured as the last chunk is
 * handed to the client's connection), in microseconds: the time the client waits for the whole
 * answer, body included, so that clients and relevo report the same quantiles. A body the client
 * reads slowly counts too, since backpressure holds the revision back. A response the client breaks
 * off counts with its status and its time until the break; one the revision breaks off (a reset
 * mid-body) counts as a connection failure, since the client got a truncated answer; one a drain
 * cuts off counts only as a timeout. A request retried on the stable revision starts its stable
 * latency when the retry does.
 */
final class RevisionCounters {

  /**
   * Two digits: quantiles within 1%. Each revision holds four of these histograms (the recorder's
   * two, the interval and the total); at three digits one spanning 100 µs to 5 s takes 115 KB, so
   * 100 apps with a canary each (200 revisions) needed 92 MB and the proxy process ran out of its
   * 64 MiB heap in bench/run --only scale; at two digits it takes 18 KB.
   */
  private static final int SIGNIFICANT_DIGITS = 2;

  private final LongAdder requests = new LongAdder();
  private final LongAdder status2xx = new LongAdder();
  private final LongAdder status3xx = new LongAdder();
  private final LongAdder status4xx = new LongAdder();
  private final LongAdder status5xx = new LongAdder();
  private final LongAdder connectFailures = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LatencyBuckets buckets = new LatencyBuckets();
  private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
  private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
  private Histogram interval;

  /** The revision answered with {@code status} after {@code micros}. */
  void answered(int status, long micros) {
    requests.increment();
    switch (status / 100) {
      case 1, 2 -> status2xx.increment();
      case 3 -> status3xx.increment();
      case 4 -> status4xx.increment();
      default -> status5xx.increment();
    }
    recorder.recordValue(Math.max(0, micros));
    buckets.record(micros);
  }

  /** The revision closed its connection in the middle of a response, after {@code micros}. */
  void brokeOff(long micros) {
    requests.increment();
    connectFailures.increment();
    recorder.recordValue(Math.max(0, micros));
    buckets.record(micros);
  }

  /** The proxy could not reach the revision and answered 502 itself. */
  void connectFailed() {
    requests.increment();
    connectFailures.increment();
  }

  /** The revision did not answer in time (or before its drain ended); the proxy answered 504. */
  void timedOut() {
    requests.increment();
    timeouts.increment();
  }

  /**
   * The proxy could not reach the revision, or it closed the connection before a byte of answer,
   * and the request went on to the stable revision, which counts its answer.
   */
  void retriedOnStable() {
    requests.increment();
    retried.increment();
  }

  /**
   * The counters now, with {@code inFlight}, the ages of the requests still waiting on this
   * revision, which the caller tracks.
   */
  synchronized RevisionStats snapshot(LatencyHistogram inFlight) {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    LatencySnapshot latency =
        total.getTotalCount() == 0
            ? LatencySnapshot.empty()
            : new LatencySnapshot(
                total.getTotalCount(),
                total.getValueAtPercentile(50),
                total.getValueAtPercentile(95),
                total.getValueAtPercentile(99),
                total.getMaxValue());
    return new RevisionStats(
        requests.sum(),
        status2xx.sum(),
        status3xx.sum(),
        status4xx.sum(),
        status5xx.sum(),
        connectFailures.sum(),
        timeouts.sum(),
        latency,
        buckets.snapshot(),
        retried.sum(),
        inFlight);
  }
}
