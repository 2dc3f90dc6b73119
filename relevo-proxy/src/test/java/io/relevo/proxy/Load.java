package io.relevo.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Steady GETs through a front door from a few clients, each waiting for its answer. */
final class Load implements AutoCloseable {

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private final List<Thread> threads = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  static Load start(int port, int clients) {
    Load load = new Load();
    URI uri = URI.create("http://127.0.0.1:" + port + "/");
    for (int i = 0; i < clients; i++) {
      load.threads.add(Thread.ofVirtual().start(() -> load.run(uri)));
    }
    return load;
  }

  private void run(URI uri) {
    while (running.get()) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
          fail("HTTP " + response.statusCode());
        }
      } catch (Exception e) {
        fail(e.toString());
      }
      sent.incrementAndGet();
    }
  }

  private void fail(String what) {
    failures.incrementAndGet();
    firstFailure.compareAndSet(null, what);
  }

  void stop() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
  }

  int sent() {
    return sent.get();
  }

  int failures() {
    return failures.get();
  }

  String firstFailure() {
    return firstFailure.get();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    http.close();
  }
}
