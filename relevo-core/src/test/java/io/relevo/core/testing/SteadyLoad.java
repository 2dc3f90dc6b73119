package io.relevo.core.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * User traffic for end-to-end tests: two clients sending GETs back to back through relevo's front
 * door, remembering which version answered ({@code X-App-Version}) and when. A failure is a non-200
 * answer or an I/O error. Bounded: it stops when closed, or after two minutes by itself.
 */
public final class SteadyLoad implements AutoCloseable {

  public final AtomicLong sent = new AtomicLong();
  public final AtomicLong failed = new AtomicLong();
  public final AtomicReference<String> lastVersion = new AtomicReference<>("");
  private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastAnswer = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private final HttpRequest request;

  private SteadyLoad(int port, String path) {
    request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
  }

  /** Starts sending to {@code http://127.0.0.1:PORT/api/v1/accommodations}. */
  public static SteadyLoad start(int port) {
    SteadyLoad load = new SteadyLoad(port, "/api/v1/accommodations");
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    for (int i = 0; i < 2; i++) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      load.threads.add(
          Thread.ofPlatform()
              .daemon()
              .name("steady-load-" + i)
              .start(
                  () -> {
                    while (load.running.get() && System.nanoTime() < deadline) {
                      load.send(client);
                    }
                  }));
    }
    return load;
  }

  private void send(HttpClient client) {
    sent.incrementAndGet();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      String version = response.headers().firstValue("X-App-Version").orElse("?");
      answers.computeIfAbsent(version, v -> new AtomicLong()).incrementAndGet();
      lastAnswer.put(version, Instant.now());
      lastVersion.set(version);
      if (response.statusCode() != 200) {
        fail("HTTP " + response.statusCode() + " from " + version);
      }
      Thread.sleep(2);
    } catch (IOException e) {
      fail(e.toString());
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

  /** The first few failures, for assertion messages. */
  public List<String> firstFailures() {
    return List.copyOf(failures);
  }

  /** Answers that came from {@code version}. */
  public long answersFrom(String version) {
    return answers.getOrDefault(version, new AtomicLong()).get();
  }

  /** When {@code version} last answered; the epoch if it never did. */
  public Instant lastAnswerFrom(String version) {
    return lastAnswer.getOrDefault(version, Instant.EPOCH);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(10_000);
    }
  }
}
