package io.relevo.proxy;

import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.routing.DrainResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests in flight to one revision, so that a drain can wait for them and cut off the ones
 * that outlive it, and the analysis can see how long they have been waiting. A request is in flight
 * from its headers' arrival until the last byte of its response is forwarded, or until it fails,
 * times out, loses its client, is cut off, or moves to the stable revision for a retry.
 */
final class DrainTracker {

  /** How long a drain waits for the event loops to carry out its cut-offs. */
  private static final Duration CUT_OFF_WAIT = Duration.ofSeconds(2);

  private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicLong completed = new AtomicLong();
  private volatile CountDownLatch idle;

  void enter(Exchange exchange) {
    inFlight.add(exchange);
  }

  /** The exchange is over; {@code completed} is false when a drain cut it off. */
  void leave(Exchange exchange, boolean completed) {
    if (inFlight.remove(exchange) && completed) {
      this.completed.incrementAndGet();
    }
    CountDownLatch waiting = idle;
    if (waiting != null && inFlight.isEmpty()) {
      waiting.countDown();
    }
  }

  int inFlight() {
    return inFlight.size();
  }

  /**
   * How long each request in flight has waited at {@code nowNanos}, on the standard bounds. The
   * ages are exact (each exchange's own start on {@link System#nanoTime()}, in microseconds), not
   * rounded to time slots, and cost the hot path nothing: the set is the one drains keep anyway. A
   * request that starts or ends during the call may be in the result or not.
   */
  LatencyHistogram ages(long nowNanos) {
    long[] counts = new long[LatencyBuckets.size()];
    for (Exchange exchange : inFlight) {
      counts[LatencyBuckets.bucketOf((nowNanos - exchange.startedNanos()) / 1_000)]++;
    }
    return LatencyBuckets.histogram(counts);
  }

  /**
   * Waits until no request is in flight or {@code timeout} has passed, then cuts off the requests
   * still in flight (504, or a closed connection once their response has started).
   */
  DrainResult drain(Duration timeout) {
    long start = System.nanoTime();
    long completedBefore = completed.get();
    CountDownLatch latch = new CountDownLatch(1);
    idle = latch;
    try {
      if (!inFlight.isEmpty()) {
        latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      idle = null;
    }
    int cut = cutOffRemaining();
    long finished = completed.get() - completedBefore;
    return new DrainResult((int) finished, cut, Duration.ofNanos(System.nanoTime() - start));
  }

  private int cutOffRemaining() {
    List<CompletableFuture<Boolean>> cuts = new ArrayList<>();
    for (Exchange exchange : inFlight) {
      cuts.add(exchange.cutOff(this));
    }
    int cut = 0;
    for (CompletableFuture<Boolean> future : cuts) {
      try {
        if (future.get(CUT_OFF_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          cut++;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        // A loop that is shutting down cannot cut its exchange; the close of the loop ends it.
      }
    }
    return cut;
  }
}
