package io.relevo.server;

import static io.relevo.server.EventStreamFixture.data;
import static io.relevo.server.EventStreamFixture.note;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients of {@code GET /api/v1/apps/{app}/events}: one that does not read, one that cannot set
 * headers, one that waits (traffic and pings), and all of them when the server stops.
 */
@Timeout(120)
class EventStreamClientsTest {
  @TempDir Path stateDir;
  private EventStreamFixture f;

  @BeforeEach
  void start() {
    f = new EventStreamFixture(stateDir);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void aClientThatDoesNotReadIsDroppedWithoutSlowingTheEngineOrOtherClients() throws Exception {
    f.deploy("v1");
    try (Socket slow = new Socket("127.0.0.1", f.api.url().getPort());
        SseClient fast = f.open(null)) {
      OutputStream request = slow.getOutputStream();
      request.write(
          ("GET /api/v1/apps/shop/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer "
                  + EventStreamFixture.TOKEN
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      request.flush();
      assertThat(fast.next().type()).isEqualTo("status");
      await().until(() -> f.hub.subscribers("shop") == 2);

      String big = "x".repeat(32 * 1024);
      int batches = 8; // 8 x 100 x 32 KiB: far more than the slow client's socket buffers hold
      for (int batch = 0; batch < batches; batch++) {
        for (int i = 0; i < 100; i++) {
          f.hub.rollout("shop", 99, note(big));
        }
        f.hub.rollout("shop", 99, note("batch " + batch));
        String marker = "\"batch " + batch + "\"";
        // the reading client keeps up; the slow one falls further behind with each batch
        assertThat(fast.until(e -> e.data().contains(marker))).hasSizeGreaterThanOrEqualTo(101);
      }
      assertThat(f.deploy("v2").outcome()).isEqualTo(Outcome.PROMOTED);

      assertThat(fast.until(EventStreamFixture::finished)).isNotEmpty();
      await().until(() -> f.hub.subscribers("shop") == 1);
      // the slow client gets what the agent had written, then the end of its stream
      InputStream in = slow.getInputStream();
      slow.setSoTimeout(30_000);
      long bytes = in.transferTo(OutputStream.nullOutputStream());
      assertThat(bytes).isLessThan((long) batches * 100 * big.length());
    }
  }

  @Test
  void theLastEventIdQueryParameterResumesForClientsThatCannotSetHeaders() throws Exception {
    f.deploy("v1");
    String lastSeen;
    try (SseClient client = f.open(null)) {
      lastSeen = client.next().id();
    }
    f.deploy("v2");
    HttpResponse<java.util.stream.Stream<String>> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        f.api.url().resolve("/api/v1/apps/shop/events?lastEventId=" + lastSeen))
                    .header("Authorization", "Bearer " + EventStreamFixture.TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    try (var lines = response.body()) {
      String firstEvent = lines.filter(l -> l.startsWith("event: ")).findFirst().orElseThrow();
      assertThat(firstEvent).isEqualTo("event: rollout");
    }
  }

  @Test
  void trafficComesEverySecondWhileSomeoneListens() throws Exception {
    f.deploy("v1");
    try (SseClient client = f.open(null)) {
      SseEvent traffic;
      do {
        traffic = client.next();
      } while (!traffic.type().equals("traffic"));
      JsonNode revision = data(traffic).path("revisions").get(0);
      assertThat(revision.path("revision").asInt()).isEqualTo(1);
      assertThat(revision.path("version").asText()).isEqualTo("v1");
      assertThat(revision.path("role").asText()).isEqualTo("stable");
      assertThat(revision.path("weight").asInt()).isEqualTo(100);
      assertThat(revision.path("rps").isNumber()).isTrue();
    }
  }

  @Test
  void aQuietStreamGetsAPingCommentLine() throws Exception {
    f.deploy("v1");
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            EventsEndpoint.serve(exchange, f.hub, "shop", Map.of(), Duration.ofMillis(100));
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    try (SseClient client =
        SseClient.open(
            java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            EventStreamFixture.TOKEN,
            "shop",
            null)) {
      assertThat(client.next().type()).isEqualTo("status");
      await().atMost(Duration.ofSeconds(10)).until(() -> client.rawLines.contains(": ping"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void stoppingTheServerEndsStreamsPromptly() throws Exception {
    f.deploy("v1");
    SseClient client = f.open(null);
    assertThat(client.next().type()).isEqualTo("status");
    long start = System.nanoTime();

    f.api.close();

    await().atMost(Duration.ofSeconds(10)).until(client::ended);
    System.out.printf(
        "stream ended %d ms after the server was told to stop%n",
        (System.nanoTime() - start) / 1_000_000);
  }
}
