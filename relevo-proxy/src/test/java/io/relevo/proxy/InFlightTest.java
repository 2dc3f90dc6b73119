package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relevo.core.config.ProxyConfig;
import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.routing.TrafficSplit;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InFlightTest {

  private ProxyFixture fixture = new ProxyFixture();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aRequestHeldByASlowRevisionShowsInFlightWithItsAgeUntilItIsAnswered() throws Exception {
    fixture.routeAll(1, fixture.backend(1));
    CompletableFuture<HttpResponse<String>> slow = sendAsync("/sleep?ms=1500");
    awaitInFlight(1, 1);

    Thread.sleep(1_000);
    LatencyHistogram waiting = inFlight(fixture, 1);

    assertThat(waiting.totalCount()).isEqualTo(1);
    assertThat(oldestAtLeastMicros(waiting)).isGreaterThanOrEqualTo(900_000);
    assertThat(slow.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    awaitNoneInFlight(fixture, 1);
  }

  @Test
  void requestsInFlightAreCountedApartFromTheOnesAnswered() throws Exception {
    fixture.routeAll(1, fixture.backend(1));
    fixture.get("/");
    CompletableFuture<HttpResponse<String>> slow = sendAsync("/sleep?ms=800");
    awaitInFlight(1, 1);

    assertThat(fixture.stats(1).requests()).isEqualTo(1);
    slow.get(5, TimeUnit.SECONDS);
    awaitNoneInFlight(fixture, 1);
    assertThat(fixture.stats(1).requests()).isEqualTo(2);
  }

  @Test
  void aRequestAnswered502LeavesTheRequestsInFlight() throws Exception {
    fixture.proxy.route(ProxyFixture.APP, TrafficSplit.all(3, ProxyFixture.refusingEndpoint()));

    assertThat(fixture.get("/").statusCode()).isEqualTo(502);

    awaitNoneInFlight(fixture, 3);
  }

  @Test
  void aRequestAnswered504LeavesTheRequestsInFlight() throws Exception {
    fixture.close();
    fixture = new ProxyFixture(new ProxyConfig(null, Duration.ofMillis(300), null));
    fixture.routeAll(3, fixture.backend(3));
    CompletableFuture<HttpResponse<String>> late = sendAsync("/sleep?ms=3000");
    awaitInFlight(3, 1);

    assertThat(late.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(504);

    awaitNoneInFlight(fixture, 3);
  }

  @Test
  void aRequestWhoseClientWentAwayLeavesTheRequestsInFlight() throws Exception {
    fixture.routeAll(1, fixture.backend(1));
    try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /sleep?ms=5000 HTTP/1.1\r\nHost: app.test\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      awaitInFlight(1, 1);
    }

    // Well before the revision answers.
    await().atMost(Duration.ofSeconds(2)).until(() -> inFlight(fixture, 1).totalCount() == 0);
  }

  @Test
  void aRequestADrainCutsOffLeavesTheRequestsInFlight() throws Exception {
    fixture.routeAll(1, fixture.backend(1));
    CompletableFuture<HttpResponse<String>> stuck = sendAsync("/sleep?ms=5000");
    awaitInFlight(1, 1);

    fixture.routeAll(2, fixture.backend(2));
    fixture.proxy.drain(ProxyFixture.APP, 1, Duration.ofMillis(300));

    assertThat(stuck.get(2, TimeUnit.SECONDS).statusCode()).isEqualTo(504);
    awaitNoneInFlight(fixture, 1);
  }

  static LatencyHistogram inFlight(ProxyFixture fixture, int revision) {
    return fixture.stats(revision).inFlight();
  }

  static void awaitNoneInFlight(ProxyFixture fixture, int revision) {
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> inFlight(fixture, revision).totalCount() == 0);
  }

  /** The lower bound of the oldest request's bucket: its age is above it. */
  private static long oldestAtLeastMicros(LatencyHistogram histogram) {
    long[] counts = histogram.counts();
    long[] bounds = histogram.upperBoundsMicros();
    for (int i = counts.length - 1; i > 0; i--) {
      if (counts[i] > 0) {
        return bounds[i - 1];
      }
    }
    return 0;
  }

  private void awaitInFlight(int revision, int count) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> inFlight(fixture, revision).totalCount() == count);
  }

  private CompletableFuture<HttpResponse<String>> sendAsync(String path) {
    return fixture.client.sendAsync(
        HttpRequest.newBuilder(fixture.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
