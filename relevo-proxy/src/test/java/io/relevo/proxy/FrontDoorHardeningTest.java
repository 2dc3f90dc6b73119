package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relevo.core.config.FrontDoorLimits;
import io.relevo.core.config.ProxyConfig;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the front door refuses, over real sockets: each refusal is an answer and a closed
 * connection, never a crash, and a client that behaves is served as before.
 */
class FrontDoorHardeningTest {

  private static final int WAIT = 10_000;

  private ProxyFixture fixture = new ProxyFixture();
  private TestBackend backend = fixture.backend(1);

  @AfterEach
  void stop() {
    fixture.close();
  }

  private void restartWith(FrontDoorLimits limits) {
    fixture.close();
    fixture = new ProxyFixture(ProxyConfig.defaults().withLimits(limits));
    backend = fixture.backend(1);
    fixture.routeAll(1, backend);
  }

  private RawExchange send(String request) throws Exception {
    return RawExchange.send(fixture.port(), request, WAIT);
  }

  private void stillServesANormalClient() throws Exception {
    assertThat(fixture.get("/").body()).isEqualTo("revision 1");
  }

  @Test
  void aRequestLineOverTheLimitGets414AndTheConnectionCloses() throws Exception {
    fixture.routeAll(1, backend);

    RawExchange answer = send("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(answer.status()).isEqualTo(414);
    assertThat(answer.answer()).contains("proxy.max_request_line");
    assertThat(answer.closed()).isTrue();
    assertThat(backend.requests()).isZero();
    stillServesANormalClient();
  }

  @Test
  void headersOverTheSizeLimitGet431() throws Exception {
    fixture.routeAll(1, backend);
    StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 20; i++) {
      request.append("X-Filler-").append(i).append(": ").append("v".repeat(1000)).append("\r\n");
    }

    RawExchange answer = send(request.append("\r\n").toString());

    assertThat(answer.status()).isEqualTo(431);
    assertThat(answer.answer()).contains("proxy.max_header_size");
    assertThat(answer.closed()).isTrue();
    stillServesANormalClient();
  }

  @Test
  void moreHeaderFieldsThanTheLimitGet431() throws Exception {
    restartWith(new FrontDoorLimits(0, 0, 20, null, null));
    StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 20; i++) {
      request.append("X-").append(i).append(": 1\r\n");
    }

    RawExchange answer = send(request.append("\r\n").toString());

    assertThat(answer.status()).isEqualTo(431);
    assertThat(answer.answer()).contains("more than 20 header fields (proxy.max_headers)");
    assertThat(backend.requests()).isZero();
    stillServesANormalClient();
  }

  @Test
  void aRequestWithBothContentLengthAndTransferEncodingIsRefusedWith400() throws Exception {
    fixture.routeAll(1, backend);

    // The classic CL.TE smuggle: a proxy that reads Content-Length forwards the tail as a second
    // request; one that reads chunked sees it as the start of the next.
    RawExchange answer =
        send(
            "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.answer()).contains("both Content-Length and Transfer-Encoding");
    assertThat(answer.answer()).containsOnlyOnce("HTTP/1.1 ");
    assertThat(answer.closed()).isTrue();
    assertThat(backend.requests()).isZero();
  }

  @Test
  void conflictingContentLengthsAreRefusedWith400() throws Exception {
    fixture.routeAll(1, backend);

    RawExchange twoHeaders =
        send(
            "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde");
    RawExchange oneList =
        send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 5\r\n\r\nabcde");

    assertThat(twoHeaders.status()).isEqualTo(400);
    assertThat(twoHeaders.closed()).isTrue();
    assertThat(oneList.status()).isEqualTo(400);
    assertThat(oneList.closed()).isTrue();
    assertThat(backend.requests()).isZero();
  }

  @Test
  void aClientThatDribblesItsHeadersIsDisconnectedAtTheHeaderTimeout() throws Exception {
    restartWith(new FrontDoorLimits(0, 0, 0, Duration.ofMillis(500), null));
    try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
      OutputStream out = socket.getOutputStream();
      long start = System.nanoTime();
      boolean closed = false;
      // One header byte every 100 ms, as a slowloris client sends them, for up to 5 s.
      for (int i = 0; i < 50 && !closed; i++) {
        try {
          out.write(i == 0 ? 'G' : 'x');
          out.flush();
          Thread.sleep(100);
        } catch (java.io.IOException e) {
          closed = true;
        }
      }
      if (!closed) {
        socket.setSoTimeout(WAIT);
        closed = socket.getInputStream().read() < 0;
      }
      assertThat(closed).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
    stillServesANormalClient();
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAtTheIdleTimeoutButNotWhileAnswering() throws Exception {
    restartWith(new FrontDoorLimits(0, 0, 0, Duration.ofMillis(300), Duration.ofMillis(600)));
    try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
      socket.setSoTimeout(WAIT);
      // A request whose answer takes longer than both timeouts is still answered.
      socket
          .getOutputStream()
          .write(
              "GET /sleep?ms=1000 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      RawExchange rest = RawExchange.readUntilClosed(socket.getInputStream());

      assertThat(rest.status()).isEqualTo(200);
      assertThat(rest.answer()).endsWith("revision 1");
      assertThat(rest.closed()).isTrue();
      // Closed by the idle timeout after the answer, not left open.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aRevisionThatResetsMidResponseClosesTheClientConnectionAndCountsAsAnError()
      throws Exception {
    try (FailingBackend failing = FailingBackend.start(FailingBackend.Failure.RESET_MID_BODY)) {
      fixture.proxy.route(
          ProxyFixture.APP, io.relevo.core.routing.TrafficSplit.all(1, failing.endpoint()));

      RawExchange answer = send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.answer()).endsWith("partial"); // 7 of the 1000 bytes promised
      assertThat(answer.closed()).isTrue();
      await().untilAsserted(() -> assertThat(fixture.stats(1).connectFailures()).isEqualTo(1));
      assertThat(fixture.stats(1).status2xx()).isZero();
    }
  }

  @Test
  void anAnswerToHeadHasNoBodySoTheNextAnswerOnTheConnectionIsIntact() throws Exception {
    fixture.routeAll(1, backend);

    RawExchange answers =
        send(
            "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(answers.answer().split("HTTP/1.1 200 ", -1)).hasSize(3); // two answers
    assertThat(answers.answer()).endsWith("\r\n\r\nrevision 1");
    assertThat(answers.answer().indexOf("revision 1"))
        .isEqualTo(answers.answer().lastIndexOf("revision 1"));
  }
}
