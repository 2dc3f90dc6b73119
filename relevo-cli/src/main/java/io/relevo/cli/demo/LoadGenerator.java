package io.relevo.cli.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady user traffic for the demo: a few clients sending requests back to back through the proxy,
 * counting every request and every failure (a non-2xx answer or an I/O error). Stops when closed,
 * or by itself after {@code maxRun} so it can never run away.
 */
final class LoadGenerator implements AutoCloseable {

  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> workers = new ArrayList<>();
  private long markSent;
  private long markFailed;

  LoadGenerator(URI target, int clients, Duration pause, Duration maxRun) {
    long deadline = System.nanoTime() + maxRun.toNanos();
    for (int i = 0; i < clients; i++) {
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      HttpRequest request =
          HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).GET().build();
      workers.add(
          Thread.ofPlatform()
              .daemon()
              .name("demo-load-" + i)
              .start(
                  () -> {
                    while (running.get() && System.nanoTime() < deadline) {
                      send(client, request);
                      sleep(pause);
                    }
                  }));
    }
  }

  private void send(HttpClient client, HttpRequest request) {
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      sent.incrementAndGet();
      if (response.statusCode() / 100 != 2) {
        fail(
            "HTTP "
                + response.statusCode()
                + " from "
                + response.headers().firstValue("x-app-version").orElse("?"));
      }
    } catch (java.io.IOException e) {
      sent.incrementAndGet();
      fail(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  private void fail(String why) {
    failed.incrementAndGet();
    if (failures.size() < 5) {
      failures.add(why);
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Requests and failures since the last call, as {@code [sent, failed]}. */
  synchronized long[] sinceLastMark() {
    long s = sent.get();
    long f = failed.get();
    long[] delta = {s - markSent, f - markFailed};
    markSent = s;
    markFailed = f;
    return delta;
  }

  long totalFailed() {
    return failed.get();
  }

  List<String> firstFailures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread worker : workers) {
      worker.join(15_000);
    }
  }
}
