package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.EngineParts;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import io.relevo.core.testing.ManualClock;
import io.relevo.core.testing.SimulatedTraffic;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/apps/{app}/events} over real sockets, with a real engine over fakes whose
 * waits take no time and simulated traffic for the analysis.
 */
@Timeout(120)
class EventStreamTest {

  private static final String TOKEN = "test-token";
  private static final String CONFIG =
      """
      app: shop
      runtime:
        command: [run, "{version}"]
      strategy:
        canary:
          steps: [{weight: 10}, {analysis: default}, {weight: 50}, {analysis: default}, {weight: 100}]
      analysis:
        default:
          interval: 10s
          count: 2
          min_requests: 50
          metrics:
            - {name: error-rate, builtin: error_rate, fail_if: "canary - stable > 0.05"}
            - {name: availability, builtin: availability, fail_if: "canary < 0.95"}
      """;

  @TempDir Path stateDir;
  private final ManualClock clock = new ManualClock();
  private RolloutEngine engine;
  private EventHub hub;
  private ApiServer api;

  @BeforeEach
  void start() {
    FakeRuntime runtime = new FakeRuntime();
    FakeRouter router = new FakeRouter();
    FakeChecks checks = new FakeChecks(runtime);
    SimulatedTraffic traffic = new SimulatedTraffic(clock, router, runtime, 100);
    AtomicReference<RolloutEngine> ref = new AtomicReference<>();
    hub = EventHub.create(ref::get, traffic);
    engine =
        new RolloutEngine(
            new EngineParts(
                    runtime,
                    router,
                    new InMemoryStore(),
                    null,
                    checks,
                    checks,
                    clock,
                    clock,
                    stateDir,
                    Map.of(),
                    traffic)
                .withEvents(hub));
    ref.set(engine);
    api =
        ApiServer.start(
            new HostPort("127.0.0.1", 0),
            TOKEN,
            engine,
            RolloutControls.of(engine),
            TestAgents.parser(),
            MetricsEndpoint.none(),
            hub);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private RolloutRecord deploy(String version) {
    RolloutRecord rollout =
        engine.deploy(
            new DeployRequest(
                ConfigLoader.parse("relevo.yml", CONFIG, Map.of()), stateDir, version, "ana", ""),
            RolloutListener.none());
    clock.advance(Duration.ofMinutes(10));
    engine.tick(); // ends the watch after promotion
    return rollout;
  }

  private SseClient open(String lastEventId) throws Exception {
    SseClient client = SseClient.open(api.url(), TOKEN, "shop", lastEventId);
    assertThat(client.status).isEqualTo(200);
    return client;
  }

  private static JsonNode data(SseEvent event) throws Exception {
    return Json.mapper().readTree(event.data());
  }

  private static boolean finished(SseEvent event) {
    try {
      return event.type().equals("rollout")
          && data(event).path("event").path("step").asText().equals("rollout")
          && !data(event).path("event").path("status").asText().equals("STARTED");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aCanarysWeightsArriveInOrderWithItsAnalysisBetweenStatusesBeforeAndAfter() throws Exception {
    deploy("v1");
    try (SseClient client = open(null)) {
      SseEvent first = client.next();
      assertThat(first.type()).isEqualTo("status");
      assertThat(data(first).path("stable").path("version").asText()).isEqualTo("v1");
      assertThat(client.contentType).startsWith("text/event-stream");

      RolloutRecord rollout = deploy("v2");
      List<SseEvent> events = client.until(EventStreamTest::finished);

      assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
      List<Integer> canaryWeights = new ArrayList<>();
      for (SseEvent e : events) {
        if (e.type().equals("weights")) {
          JsonNode d = data(e);
          assertThat(d.path("rolloutId").asLong()).isEqualTo(rollout.id());
          Instant.parse(d.path("at").asText());
          for (JsonNode share : d.path("weights")) {
            if (share.path("revision").asInt() == 2) {
              assertThat(share.path("version").asText()).isEqualTo("v2");
              canaryWeights.add(share.path("weight").asInt());
            }
          }
        }
      }
      assertThat(canaryWeights).containsExactly(10, 50, 100);
      List<JsonNode> analysis = new ArrayList<>();
      for (SseEvent e : events) {
        if (e.type().equals("analysis")) {
          analysis.add(data(e));
        }
      }
      assertThat(analysis).hasSize(8); // 2 analyses x 2 measurements x 2 metrics
      JsonNode errorRate = analysis.getFirst();
      assertThat(errorRate.path("rolloutId").asLong()).isEqualTo(rollout.id());
      assertThat(errorRate.path("revision").asInt()).isEqualTo(2);
      assertThat(errorRate.path("metric").asText()).isEqualTo("error_rate");
      assertThat(errorRate.path("threshold").asDouble()).isEqualTo(0.05);
      assertThat(errorRate.path("value").isNumber()).isTrue();
      assertThat(errorRate.path("verdict").asText()).isEqualTo("PASS");
      assertThat(analysis.get(1).path("metric").asText()).isEqualTo("availability");
      assertThat(analysis.get(1).path("threshold").asDouble()).isEqualTo(0.95);
      List<String> steps = new ArrayList<>();
      for (SseEvent e : events) {
        if (e.type().equals("rollout")) {
          assertThat(data(e).path("rolloutId").asLong()).isEqualTo(rollout.id());
          steps.add(data(e).path("event").path("step").asText());
        }
      }
      assertThat(steps)
          .containsExactlyElementsOf(rollout.events().stream().map(RolloutEvent::step).toList());
      SseEvent promoted = client.until(e -> e.type().equals("status")).getLast();
      assertThat(data(promoted).path("stable").path("version").asText()).isEqualTo("v2");
      assertThat(client.rawLines).contains("event: weights").anyMatch(l -> l.startsWith("id: "));
    }
  }

  @Test
  void aClientThatReconnectsGetsExactlyTheMessagesItMissed() throws Exception {
    deploy("v1");
    String lastSeen;
    try (SseClient client = open(null)) {
      lastSeen = client.next().id();
    }
    RolloutRecord missed = deploy("v2");
    SseEvent end;
    List<SseEvent> replayed;
    try (SseClient client = open(lastSeen)) {
      replayed = client.until(EventStreamTest::finished);
      end = replayed.getLast();
    }

    List<Long> numbers = new ArrayList<>();
    for (SseEvent e : replayed) {
      numbers.add(Long.parseLong(e.id().substring(e.id().indexOf(':') + 1)));
    }
    long after = Long.parseLong(lastSeen.substring(lastSeen.indexOf(':') + 1));
    for (int i = 0; i < numbers.size(); i++) {
      assertThat(numbers.get(i)).isEqualTo(after + 1 + i);
    }
    List<String> replayedEvents = new ArrayList<>();
    for (SseEvent e : replayed) {
      if (e.type().equals("rollout") && data(e).path("rolloutId").asLong() == missed.id()) {
        replayedEvents.add(data(e).path("event").path("message").asText());
      }
    }
    assertThat(replayedEvents)
        .containsExactlyElementsOf(missed.events().stream().map(RolloutEvent::message).toList());

    try (SseClient client = open(end.id())) {
      RolloutRecord next = deploy("v3");
      List<SseEvent> resumed = client.until(e -> e.data().contains("deploying v3"));
      assertThat(seq(resumed.getFirst())).isEqualTo(seq(end) + 1);
      assertThat(data(resumed.getLast()).path("rolloutId").asLong()).isEqualTo(next.id());
    }
  }

  private static long seq(SseEvent event) {
    return Long.parseLong(event.id().substring(event.id().indexOf(':') + 1));
  }

  @Test
  void anIdFromAnotherBootOrTooOldGetsAResetThenTheStatus() throws Exception {
    deploy("v1");
    for (String id : List.of("0badboot:3", "garbage", hub.bootId() + ":999999")) {
      try (SseClient client = open(id)) {
        assertThat(client.next().type()).as(id).isEqualTo("reset");
        SseEvent status = client.next();
        assertThat(status.type()).as(id).isEqualTo("status");
        assertThat(data(status).path("app").asText()).isEqualTo("shop");
      }
    }
  }

  @Test
  void anIdTheRingNoLongerHoldsGetsAReset() throws Exception {
    deploy("v1");
    String old;
    try (SseClient client = open(null)) {
      old = client.next().id();
    }
    for (int i = 0; i < EventHub.KEPT + 1; i++) {
      hub.rollout(
          "shop",
          99,
          new RolloutEvent(Instant.now(), "note", RolloutEvent.Status.INFO, "n" + i, null));
    }
    try (SseClient client = open(old)) {
      assertThat(client.next().type()).isEqualTo("reset");
      assertThat(client.next().type()).isEqualTo("status");
    }
  }

  @Test
  void aClientThatDoesNotReadIsDroppedWithoutSlowingTheEngineOrOtherClients() throws Exception {
    deploy("v1");
    try (Socket slow = new Socket("127.0.0.1", api.url().getPort());
        SseClient fast = open(null)) {
      OutputStream request = slow.getOutputStream();
      request.write(
          ("GET /api/v1/apps/shop/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer "
                  + TOKEN
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      request.flush();
      assertThat(fast.next().type()).isEqualTo("status");
      await().until(() -> hub.subscribers("shop") == 2);

      String big = "x".repeat(32 * 1024);
      int batches = 8; // 8 x 100 x 32 KiB: far more than the slow client's socket buffers hold
      for (int batch = 0; batch < batches; batch++) {
        for (int i = 0; i < 100; i++) {
          hub.rollout("shop", 99, note(big));
        }
        hub.rollout("shop", 99, note("batch " + batch));
        String marker = "\"batch " + batch + "\"";
        // the reading client keeps up; the slow one falls further behind with each batch
        assertThat(fast.until(e -> e.data().contains(marker))).hasSizeGreaterThanOrEqualTo(101);
      }
      assertThat(deploy("v2").outcome()).isEqualTo(Outcome.PROMOTED);

      assertThat(fast.until(EventStreamTest::finished)).isNotEmpty();
      await().until(() -> hub.subscribers("shop") == 1);
      // the slow client gets what the agent had written, then the end of its stream
      InputStream in = slow.getInputStream();
      slow.setSoTimeout(30_000);
      long bytes = in.transferTo(OutputStream.nullOutputStream());
      assertThat(bytes).isLessThan((long) batches * 100 * big.length());
    }
  }

  private static RolloutEvent note(String message) {
    return new RolloutEvent(Instant.now(), "note", RolloutEvent.Status.INFO, message, null);
  }

  @Test
  void anUnknownAppGets404AndAMissingToken401() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> unknown =
        http.send(
            HttpRequest.newBuilder(api.url().resolve("/api/v1/apps/nope/events"))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> noToken =
        http.send(
            HttpRequest.newBuilder(api.url().resolve("/api/v1/apps/shop/events")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("nope");
    assertThat(noToken.statusCode()).isEqualTo(401);
  }

  @Test
  void theLastEventIdQueryParameterResumesForClientsThatCannotSetHeaders() throws Exception {
    deploy("v1");
    String lastSeen;
    try (SseClient client = open(null)) {
      lastSeen = client.next().id();
    }
    deploy("v2");
    HttpResponse<java.util.stream.Stream<String>> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        api.url().resolve("/api/v1/apps/shop/events?lastEventId=" + lastSeen))
                    .header("Authorization", "Bearer " + TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    try (var lines = response.body()) {
      String firstEvent = lines.filter(l -> l.startsWith("event: ")).findFirst().orElseThrow();
      assertThat(firstEvent).isEqualTo("event: rollout");
    }
  }

  @Test
  void trafficComesEverySecondWhileSomeoneListens() throws Exception {
    deploy("v1");
    try (SseClient client = open(null)) {
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
    deploy("v1");
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            EventsEndpoint.serve(exchange, hub, "shop", Map.of(), Duration.ofMillis(100));
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    try (SseClient client =
        SseClient.open(
            java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            TOKEN,
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
    deploy("v1");
    SseClient client = open(null);
    assertThat(client.next().type()).isEqualTo("status");
    long start = System.nanoTime();

    api.close();

    await().atMost(Duration.ofSeconds(10)).until(client::ended);
    System.out.printf(
        "stream ended %d ms after the server was told to stop%n",
        (System.nanoTime() - start) / 1_000_000);
  }
}
