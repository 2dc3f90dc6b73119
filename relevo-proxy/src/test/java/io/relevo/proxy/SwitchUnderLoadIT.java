package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.routing.TrafficSplit.Backend;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SwitchUnderLoadIT {

  private static final int SWITCHES = 20;
  private static final int CLIENT_THREADS = 3;
  private static final Duration PAUSE_BETWEEN_SWITCHES = Duration.ofMillis(150);
  private static final Duration MAX_LOAD_TIME = Duration.ofSeconds(20);

  private final ProxyFixture fixture = new ProxyFixture();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void twentySwitchesBetweenTwoLiveRevisionsFailNoRequest() throws Exception {
    TestBackend blue = fixture.backend(1);
    TestBackend green = fixture.backend(2);
    fixture.routeAll(1, blue);
    AtomicBoolean running = new AtomicBoolean(true);
    LongAdder ok = new LongAdder();
    List<String> failures = new ArrayList<>();
    ConcurrentHashMap<String, LongAdder> byBody = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + MAX_LOAD_TIME.toNanos();

    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < CLIENT_THREADS; t++) {
      clients.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (running.get() && System.nanoTime() < deadline) {
                      try {
                        HttpResponse<String> response = fixture.get("/");
                        if (response.statusCode() == 200) {
                          ok.increment();
                          byBody.computeIfAbsent(response.body(), b -> new LongAdder()).increment();
                        } else {
                          synchronized (failures) {
                            failures.add(response.statusCode() + " " + response.body());
                          }
                        }
                      } catch (Exception e) {
                        synchronized (failures) {
                          failures.add(e.toString());
                        }
                      }
                    }
                  }));
    }

    long start = System.nanoTime();
    for (int i = 1; i <= SWITCHES; i++) {
      Thread.sleep(PAUSE_BETWEEN_SWITCHES);
      boolean toGreen = i % 2 == 1;
      // Half the switches pass through a 50/50 canary step first.
      if (i % 4 < 2) {
        fixture.route(new Backend(1, blue.endpoint(), 50), new Backend(2, green.endpoint(), 50));
        Thread.sleep(PAUSE_BETWEEN_SWITCHES.toMillis() / 3);
      }
      fixture.routeAll(toGreen ? 2 : 1, toGreen ? green : blue);
      // As a rollout does: wait for the revision that left, closing its idle connections.
      fixture.proxy.drain(ProxyFixture.APP, toGreen ? 1 : 2, Duration.ofSeconds(2));
    }
    Thread.sleep(PAUSE_BETWEEN_SWITCHES);
    running.set(false);
    for (Thread client : clients) {
      client.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    System.out.printf(
        "switch under load (%s): %d ok, %d failed in %.1fs (%.0f requests/s, %d client"
            + " threads); by revision %s%n",
        fixture.proxy.transport(),
        ok.sum(),
        failures.size(),
        seconds,
        ok.sum() / seconds,
        CLIENT_THREADS,
        byBody);
    assertThat(failures).isEmpty();
    assertThat(ok.sum()).isGreaterThan(100);
    assertThat(byBody).containsKeys("revision 1", "revision 2");
  }
}
