package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Endpoint;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ForwardingTest {

  private ProxyFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void severalRequestsOnOneClientConnectionReuseOneBackendConnection() throws Exception {
    fixture = new ProxyFixture();
    TestBackend backend = fixture.backend(1);
    fixture.routeAll(1, backend);

    try (RawHttpClient client = new RawHttpClient(fixture.port())) {
      for (int i = 0; i < 5; i++) {
        RawHttpClient.Response response = client.get("/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("revision 1");
      }
    }
    assertThat(backend.requests()).isEqualTo(5);
    assertThat(backend.connections()).isEqualTo(1);
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderEvenWhenTheFirstIsTheSlowest() throws Exception {
    fixture = new ProxyFixture();
    fixture.routeAll(1, fixture.backend(1));

    try (RawHttpClient client = new RawHttpClient(fixture.port())) {
      List<RawHttpClient.Response> responses =
          client.pipeline(
              "/sleep?ms=200", "/status?code=404", "/", "/sleep?ms=50", "/status?code=201");
      assertThat(responses)
          .extracting(RawHttpClient.Response::status)
          .containsExactly(200, 404, 200, 200, 201);
      assertThat(client.get("/").body()).isEqualTo("revision 1");
    }
  }

  @Test
  void forwardedHeadersAreAddedAndARequestIdIsGenerated() throws Exception {
    fixture = new ProxyFixture();
    fixture.routeAll(1, fixture.backend(1));

    try (RawHttpClient client = new RawHttpClient(fixture.port())) {
      RawHttpClient.Response response = client.get("/headers", "X-Forwarded-For: 10.0.0.7");
      assertThat(response.body())
          .contains("x-forwarded-for: 10.0.0.7, 127.0.0.1\n")
          .contains("x-forwarded-proto: http\n")
          .contains("x-forwarded-host: app.test\n")
          .containsPattern("x-request-id: [0-9a-f]{32}\n");
      assertThat(response.header("X-Request-Id")).matches("[0-9a-f]{32}");
    }
  }

  @Test
  void anIncomingRequestIdIsKept() throws Exception {
    fixture = new ProxyFixture();
    fixture.routeAll(1, fixture.backend(1));

    try (RawHttpClient client = new RawHttpClient(fixture.port())) {
      RawHttpClient.Response response = client.get("/headers", "X-Request-Id: trace-42");
      assertThat(response.body()).contains("x-request-id: trace-42\n").doesNotContain(", trace-42");
      assertThat(response.header("X-Request-Id")).isEqualTo("trace-42");
    }
  }

  @Test
  void hopByHopHeadersAreStrippedInBothDirections() throws Exception {
    fixture = new ProxyFixture();
    fixture.routeAll(1, fixture.backend(1));

    try (RawHttpClient client = new RawHttpClient(fixture.port())) {
      RawHttpClient.Response response =
          client.get(
              "/headers",
              "Connection: keep-alive, X-Private",
              "X-Private: secret",
              "Keep-Alive: timeout=9",
              "Proxy-Connection: keep-alive",
              "TE: trailers",
              "Upgrade: websocket",
              "X-Kept: yes");
      assertThat(response.body())
          .contains("x-kept: yes\n")
          .doesNotContain("x-private", "keep-alive:", "proxy-connection", "te:", "upgrade");
      assertThat(response.hasHeader("X-Secret-Hop")).isFalse();
      assertThat(response.hasHeader("Keep-Alive")).isFalse();
      assertThat(response.header("X-Revision")).isEqualTo("1");
    }
  }

  @Test
  void aRefusedConnectionIsAnswered502NamingTheRevision() throws Exception {
    fixture = new ProxyFixture();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    fixture.proxy.route(
        ProxyFixture.APP, TrafficSplit.all(3, new Endpoint("127.0.0.1", closedPort)));

    HttpResponse<String> response = fixture.get("/");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body())
        .isEqualTo(
            "502 Bad Gateway: revision 3 at 127.0.0.1:" + closedPort + " refused the connection\n");
    assertThat(fixture.proxy.snapshot(ProxyFixture.APP, 3).connectFailures()).isEqualTo(1);
  }

  @Test
  void aSlowSecondRequestOnAKeepAliveConnectionGets504OnItsOwnDeadline() throws Exception {
    fixture = new ProxyFixture(new ProxyConfig(null, Duration.ofMillis(400), null));
    fixture.routeAll(3, fixture.backend(3));

    try (RawHttpClient client = new RawHttpClient(fixture.port())) {
      assertThat(client.get("/").status()).isEqualTo(200);
      Thread.sleep(200); // the first request's deadline passes while the second one waits
      long start = System.nanoTime();
      RawHttpClient.Response slow = client.get("/sleep?ms=3000");
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(slow.status()).isEqualTo(504);
      assertThat(millis).isBetween(350L, 2_000L);
    }
    assertThat(fixture.proxy.snapshot(ProxyFixture.APP, 3).timeouts()).isEqualTo(1);
  }

  @Test
  void aRevisionThatNeverAnswersGets504AfterTheUpstreamTimeout() throws Exception {
    fixture = new ProxyFixture(new ProxyConfig(null, Duration.ofMillis(300), null));
    fixture.routeAll(3, fixture.backend(3));

    HttpResponse<String> response = fixture.get("/sleep?ms=3000");

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.body())
        .isEqualTo("504 Gateway Timeout: revision 3 did not answer within 300ms\n");
    assertThat(fixture.proxy.snapshot(ProxyFixture.APP, 3).timeouts()).isEqualTo(1);
    // The client connection survives a 504 and serves the next request.
    assertThat(fixture.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void anEmptySplitIsAnswered503NamingTheApp() throws Exception {
    fixture = new ProxyFixture();
    fixture.proxy.route(ProxyFixture.APP, TrafficSplit.none());

    HttpResponse<String> response = fixture.get("/");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("503 Service Unavailable: no revision serves app shop\n");
  }

  @Test
  void aPooledConnectionTheRevisionClosesOnReuseIsRetriedOnAFreshOne() throws Exception {
    fixture = new ProxyFixture();
    try (ClosingBackend backend = ClosingBackend.start()) {
      fixture.proxy.route(ProxyFixture.APP, TrafficSplit.all(1, backend.endpoint()));
      for (int i = 0; i < 50; i++) {
        HttpResponse<String> response = fixture.get("/");
        assertThat(response.statusCode()).as("request %d", i).isEqualTo(200);
        assertThat(response.body()).isEqualTo("closing");
      }
      // Every reuse met a close: each request but the first needed a second connection.
      assertThat(backend.connections()).isGreaterThanOrEqualTo(26);
    }
  }
}
