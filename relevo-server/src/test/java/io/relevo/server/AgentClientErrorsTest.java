package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CLI's client turns an error answer back into the exception it stood for, so the CLI prints
 * the same message with the same exit code, from an agent of this version or an older one.
 */
class AgentClientErrorsTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void problemDetailsComeBackAsTheirKindWithTheDetailAsMessage() throws Exception {
    AgentClient client =
        agentAnswering(
            404,
            "application/problem+json",
            "{\"type\":\"https://relevo.dev/problems/not-found\",\"title\":\"Not found\","
                + "\"status\":404,\"detail\":\"no app named \\\"nope\\\"\","
                + "\"instance\":\"GET /api/v1/apps/nope\",\"kind\":\"NOT_FOUND\"}");

    assertThatThrownBy(() -> client.app("nope"))
        .isInstanceOfSatisfying(
            RelevoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
        .hasMessage("no app named \"nope\"");
  }

  @Test
  void theOlderKindAndMessageShapeStillReads() throws Exception {
    AgentClient client =
        agentAnswering(
            409,
            "application/json",
            "{\"kind\":\"CONFLICT\",\"message\":\"a deploy of shop is under way\"}");

    assertThatThrownBy(() -> client.app("shop"))
        .isInstanceOfSatisfying(
            RelevoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessage("a deploy of shop is under way");
  }

  @Test
  void anAnswerThatIsNotJsonFailsWithItsStatusAndText() throws Exception {
    AgentClient client = agentAnswering(502, "text/plain", "bad gateway");

    assertThatThrownBy(() -> client.app("shop"))
        .isInstanceOfSatisfying(
            RelevoException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FAILED))
        .hasMessage("agent answered 502: bad gateway");
  }

  private AgentClient agentAnswering(int status, String contentType, String body) throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    return AgentClient.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "token");
  }
}
