package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The CLI's read calls to a plain-http agent go through {@link PlainGet}: the same answers, token
 * and failures as through {@code java.net.http}.
 */
class PlainGetTest {

  @Test
  void sendsTheTokenAndDecodesTheAnswer() throws Exception {
    AtomicReference<String> authorization = new AtomicReference<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] bytes = "[]".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    try {
      AgentClient client =
          AgentClient.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "s3cret");

      assertThat(client.apps()).isEmpty();
      assertThat(authorization.get()).isEqualTo("Bearer s3cret");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void noAgentListeningSaysHowToStartOne() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    AgentClient client = AgentClient.of(URI.create("http://127.0.0.1:" + port), "token");

    assertThatThrownBy(client::apps)
        .isInstanceOfSatisfying(
            RelevoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
        .hasMessage("no agent at http://127.0.0.1:" + port + ": start one with `relevo agent`");
  }

  @Test
  void anAgentThatHangsUpIsLost() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> acceptAndClose(socket));
      AgentClient client =
          AgentClient.of(URI.create("http://127.0.0.1:" + socket.getLocalPort()), "token");

      assertThatThrownBy(client::apps)
          .isInstanceOfSatisfying(
              RelevoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
          .hasMessageStartingWith("lost the agent at http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  // every connection, as HttpURLConnection retries a GET once on a new one
  private static void acceptAndClose(ServerSocket socket) {
    try {
      while (true) {
        socket.accept().close();
      }
    } catch (java.io.IOException e) {
      // the socket is closed: the test has ended
    }
  }
}
