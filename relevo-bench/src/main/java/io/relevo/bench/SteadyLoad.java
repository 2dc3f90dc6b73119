package io.relevo.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Steady paced traffic to many front doors at once: {@code rate} GET requests a second to each URL,
 * on a fixed schedule (the URLs' slots spread over the period), sent asynchronously from one client
 * so that a hundred apps cost a handful of threads. Counts answers, keeps none. A URL with {@link
 * #MAX_IN_FLIGHT} requests unanswered skips its slot (counted), so a stalled app cannot pile
 * requests up. Stops by itself at its deadline, or at {@link #close()}.
 */
final class SteadyLoad implements AutoCloseable {

  static final int MAX_IN_FLIGHT = 8;

  private final ScheduledExecutorService clock =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("steady-load").unstarted(r));
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final LongAdder ok = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder skipped = new LongAdder();

  /**
   * Starts sending at once.
   *
   * @param rate requests per second to each URL, {@code >= 1}
   * @param maxDuration after which the load stops by itself
   */
  SteadyLoad(List<URI> urls, int rate, Duration maxDuration) {
    if (rate < 1 || urls.isEmpty()) {
      throw new IllegalArgumentException(
          "rate: " + rate + ", urls: " + urls.size() + " (expected: both >= 1)");
    }
    long period = 1_000_000_000L / rate;
    long deadline = System.nanoTime() + maxDuration.toNanos();
    List<HttpRequest> requests = new ArrayList<>();
    for (URI url : urls) {
      requests.add(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build());
    }
    for (int i = 0; i < requests.size(); i++) {
      HttpRequest request = requests.get(i);
      AtomicInteger inFlight = new AtomicInteger();
      clock.scheduleAtFixedRate(
          () -> send(request, inFlight, deadline),
          period * i / requests.size(),
          period,
          TimeUnit.NANOSECONDS);
    }
  }

  private void send(HttpRequest request, AtomicInteger inFlight, long deadline) {
    if (System.nanoTime() > deadline) {
      clock.shutdown();
      return;
    }
    if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
      inFlight.decrementAndGet();
      skipped.increment();
      return;
    }
    client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              inFlight.decrementAndGet();
              if (error == null && response.statusCode() < 400) {
                ok.increment();
              } else {
                failed.increment();
              }
            });
  }

  /** Counts so far: answered below 400, failed (4xx, 5xx or no answer), skipped slots. */
  record Counts(long ok, long failed, long skipped) {
    Counts minus(Counts before) {
      return new Counts(ok - before.ok, failed - before.failed, skipped - before.skipped);
    }
  }

  Counts counts() {
    return new Counts(ok.sum(), failed.sum(), skipped.sum());
  }

  @Override
  public void close() throws InterruptedException {
    clock.shutdownNow();
    clock.awaitTermination(5, TimeUnit.SECONDS);
  }
}
