package io.relevo.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded, paced load generator inside the harness: a few client threads send GET requests at a
 * fixed total rate (each thread its share, on a fixed schedule) and record every {@link Answer}. It
 * stops by itself at its deadline, or at {@link #close()}.
 *
 * <p>Paced rather than back to back so that the canary's share of requests per analysis window is
 * known in advance; a thread that falls behind sends at once, and one more than a second behind
 * drops the missed slots instead of bursting.
 */
final class PacedLoad implements AutoCloseable {

  private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private final int rate;

  /**
   * Starts sending at once.
   *
   * @param url what every request asks for
   * @param rate requests per second in total, {@code >= 1}
   * @param clients client threads, {@code >= 1}; each has its own connection
   * @param maxDuration the deadline after which the load stops by itself
   */
  PacedLoad(URI url, int rate, int clients, Duration maxDuration) {
    if (rate < 1 || clients < 1) {
      throw new IllegalArgumentException(
          "rate: " + rate + ", clients: " + clients + " (expected: both >= 1)");
    }
    this.rate = rate;
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build();
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    long start = System.nanoTime();
    long deadline = start + maxDuration.toNanos();
    long period = 1_000_000_000L * clients / rate;
    for (int i = 0; i < clients; i++) {
      long first = start + 1_000_000_000L * i / rate;
      threads.add(
          Thread.ofPlatform()
              .daemon()
              .name("paced-load-" + i)
              .start(() -> send(client, request, first, period, deadline)));
    }
  }

  int rate() {
    return rate;
  }

  private void send(
      HttpClient client, HttpRequest request, long first, long period, long deadline) {
    long next = first;
    while (running.get()) {
      long now = System.nanoTime();
      if (now - next > 1_000_000_000L) {
        next = now; // too far behind: skip the missed slots rather than burst
      }
      if (next > now) {
        LockSupport.parkNanos(next - now);
        continue;
      }
      if (now > deadline) {
        return;
      }
      next += period;
      long sent = nowMicros();
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        answers.add(
            new Answer(
                sent,
                nowMicros(),
                response.statusCode(),
                response.headers().firstValue("X-App-Version").orElse("")));
      } catch (IOException e) {
        answers.add(new Answer(sent, nowMicros(), 0, ""));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Every answer so far, in no particular order. */
  List<Answer> answers() {
    return List.copyOf(answers);
  }

  static long nowMicros() {
    return micros(Instant.now());
  }

  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(10_000);
    }
  }
}
