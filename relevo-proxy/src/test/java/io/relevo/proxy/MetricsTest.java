package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.RevisionStats;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private final ProxyFixture fixture = new ProxyFixture();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void countersSplitAnswersByStatusClass() throws Exception {
    fixture.routeAll(4, fixture.backend(4));

    for (int i = 0; i < 10; i++) {
      fixture.get("/");
    }
    fixture.get("/status?code=302");
    for (int i = 0; i < 3; i++) {
      fixture.get("/status?code=404");
    }
    fixture.get("/status?code=500");
    fixture.get("/status?code=503");

    RevisionStats stats = fixture.proxy.snapshot(ProxyFixture.APP, 4);
    assertThat(stats.requests()).isEqualTo(16);
    assertThat(stats.status2xx()).isEqualTo(10);
    assertThat(stats.status3xx()).isEqualTo(1);
    assertThat(stats.status4xx()).isEqualTo(3);
    assertThat(stats.status5xx()).isEqualTo(2);
    assertThat(stats.connectFailures()).isZero();
    assertThat(stats.timeouts()).isZero();
    assertThat(stats.errorRate()).isEqualTo(2.0 / 16);
  }

  @Test
  void latencyQuantilesFollowTheRevisionsSpeed() throws Exception {
    fixture.routeAll(4, fixture.backend(4));
    for (int i = 0; i < 20; i++) {
      fixture.get("/");
    }
    RevisionStats fast = fixture.proxy.snapshot(ProxyFixture.APP, 4);
    assertThat(fast.latency().count()).isEqualTo(20);
    assertThat(fast.latency().p50Micros()).isPositive().isLessThan(100_000);

    for (int i = 0; i < 4; i++) {
      fixture.get("/sleep?ms=250");
    }
    RevisionStats slow = fixture.proxy.snapshot(ProxyFixture.APP, 4);
    assertThat(slow.latency().count()).isEqualTo(24);
    assertThat(slow.latency().p50Micros()).isLessThan(100_000);
    assertThat(slow.latency().p95Micros()).isGreaterThanOrEqualTo(250_000);
    assertThat(slow.latency().p99Micros()).isGreaterThanOrEqualTo(250_000);
    assertThat(slow.latency().maxMicros()).isBetween(250_000L, 2_000_000L);
  }

  @Test
  void latencyRunsToTheLastByteOfTheBodyNotToTheResponseHeaders() throws Exception {
    fixture.routeAll(4, fixture.backend(4));
    fixture.get("/"); // warm up, so that the timing below is the revision's
    RevisionStats before = fixture.stats(4);

    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        fixture.client.send(
            HttpRequest.newBuilder(fixture.uri("/late-body?ms=300")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long headersMillis = (System.nanoTime() - start) / 1_000_000;
    try (InputStream body = response.body()) {
      assertThat(body.readAllBytes()).asString().isEqualTo("revision 4");
    }

    assertThat(headersMillis).as("the revision sent its headers at once").isLessThan(250);
    RevisionStats after = fixture.stats(4);
    assertThat(after.latency().maxMicros()).isGreaterThanOrEqualTo(300_000);
    LatencyHistogram window = after.histogram().minus(before.histogram());
    assertThat(window.totalCount()).isEqualTo(1);
    assertThat(window.quantileMicros(0)).isGreaterThanOrEqualTo(250_000);
  }

  @Test
  void histogramSnapshotsSubtractToTheRequestsOfTheWindowBetweenThem() throws Exception {
    fixture.routeAll(4, fixture.backend(4));
    for (int i = 0; i < 5; i++) {
      fixture.get("/");
    }
    RevisionStats before = fixture.proxy.snapshot(ProxyFixture.APP, 4);

    for (int i = 0; i < 3; i++) {
      fixture.get("/sleep?ms=300");
    }
    fixture.get("/status?code=500");
    RevisionStats after = fixture.proxy.snapshot(ProxyFixture.APP, 4);

    assertThat(before.histogram().totalCount()).isEqualTo(5);
    assertThat(after.histogram().upperBoundsMicros())
        .isEqualTo(LatencyHistogram.standardBoundsMicros());
    LatencyHistogram window = after.histogram().minus(before.histogram());
    assertThat(window.totalCount()).isEqualTo(after.requests() - before.requests()).isEqualTo(4);
    // Three of the window's four answers took 300 ms or more; none of the five before it did.
    assertThat(window.quantileMicros(0.5)).isGreaterThanOrEqualTo(250_000);
    assertThat(before.histogram().quantileMicros(1.0)).isLessThan(250_000);
  }

  @Test
  void aRevisionThatNeverTookTrafficHasEmptyStats() {
    assertThat(fixture.proxy.snapshot(ProxyFixture.APP, 99)).isEqualTo(RevisionStats.empty());
    assertThat(fixture.proxy.snapshot("unknown-app", 1)).isEqualTo(RevisionStats.empty());
  }
}
