package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.relevo.core.routing.DrainResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrainIT {

  private final ProxyFixture fixture = new ProxyFixture();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aSlowRequestInFlightDuringASwitchFinishesAndTheDrainCountsIt() throws Exception {
    TestBackend old = fixture.backend(1);
    fixture.routeAll(1, old);
    CompletableFuture<HttpResponse<String>> slow = sendAsync("/sleep?ms=1000");
    awaitInFlight(1);

    fixture.routeAll(2, fixture.backend(2));
    assertThat(fixture.get("/").body()).isEqualTo("revision 2");
    DrainResult result = fixture.proxy.drain(ProxyFixture.APP, 1, Duration.ofSeconds(5));

    assertThat(result.finished()).isEqualTo(1);
    assertThat(result.cutOff()).isZero();
    assertThat(result.took()).isLessThan(Duration.ofSeconds(2));
    HttpResponse<String> response = slow.get(5, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("revision 1");
  }

  @Test
  void aRequestStillInFlightAtTheDrainTimeoutIsAnswered504() throws Exception {
    fixture.routeAll(1, fixture.backend(1));
    CompletableFuture<HttpResponse<String>> stuck = sendAsync("/sleep?ms=5000");
    awaitInFlight(1);

    fixture.routeAll(2, fixture.backend(2));
    DrainResult result = fixture.proxy.drain(ProxyFixture.APP, 1, Duration.ofMillis(500));

    assertThat(result.cutOff()).isEqualTo(1);
    assertThat(result.finished()).isZero();
    assertThat(result.took()).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
    HttpResponse<String> response = stuck.get(2, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.body())
        .startsWith("504 Gateway Timeout: revision 1 left the traffic split");
    assertThat(fixture.proxy.inFlight(ProxyFixture.APP, 1)).isZero();
    assertThat(fixture.proxy.snapshot(ProxyFixture.APP, 1).timeouts()).isEqualTo(1);
  }

  @Test
  void aResponseAlreadyStreamingAtTheDrainTimeoutEndsWithAClosedConnection() throws Exception {
    TestBackend old = fixture.backend(1);
    fixture.routeAll(1, old);
    // The revision sends 1 MiB, then stalls until released (it never is during the drain).
    HttpResponse<InputStream> response =
        fixture.client.send(
            HttpRequest.newBuilder(fixture.uri("/download?bytes=" + 4 * TestBackend.MIB)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);

    fixture.routeAll(2, fixture.backend(2));
    DrainResult result = fixture.proxy.drain(ProxyFixture.APP, 1, Duration.ofMillis(300));
    old.releaseDownload();

    assertThat(result.cutOff()).isEqualTo(1);
    try (InputStream body = response.body()) {
      assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
    }
  }

  @Test
  void drainingARevisionWithNothingInFlightReturnsAtOnce() {
    fixture.routeAll(1, fixture.backend(1));

    DrainResult result = fixture.proxy.drain(ProxyFixture.APP, 1, Duration.ofSeconds(5));

    assertThat(result).extracting(DrainResult::finished, DrainResult::cutOff).containsExactly(0, 0);
    assertThat(result.took()).isLessThan(Duration.ofMillis(500));
  }

  private CompletableFuture<HttpResponse<String>> sendAsync(String path) {
    return fixture.client.sendAsync(
        HttpRequest.newBuilder(fixture.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void awaitInFlight(int count) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> fixture.proxy.inFlight(ProxyFixture.APP, 1) == count);
  }
}
