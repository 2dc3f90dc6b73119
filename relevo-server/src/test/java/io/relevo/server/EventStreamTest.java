package io.relevo.server;

import static io.relevo.server.EventStreamFixture.data;
import static io.relevo.server.EventStreamFixture.seq;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code GET /api/v1/apps/{app}/events} streams, over real sockets from a real engine: a
 * canary's messages in order, resuming after an id, reset when it cannot.
 */
@Timeout(120)
class EventStreamTest {
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
  void aCanarysWeightsArriveInOrderWithItsAnalysisBetweenStatusesBeforeAndAfter() throws Exception {
    f.deploy("v1");
    try (SseClient client = f.open(null)) {
      SseEvent first = client.next();
      assertThat(first.type()).isEqualTo("status");
      assertThat(data(first).path("stable").path("version").asText()).isEqualTo("v1");
      assertThat(client.contentType).startsWith("text/event-stream");

      RolloutRecord rollout = f.deploy("v2");
      List<SseEvent> events = client.until(EventStreamFixture::finished);

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
    f.deploy("v1");
    String lastSeen;
    try (SseClient client = f.open(null)) {
      lastSeen = client.next().id();
    }
    RolloutRecord missed = f.deploy("v2");
    SseEvent end;
    List<SseEvent> replayed;
    try (SseClient client = f.open(lastSeen)) {
      replayed = client.until(EventStreamFixture::finished);
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

    try (SseClient client = f.open(end.id())) {
      RolloutRecord next = f.deploy("v3");
      List<SseEvent> resumed = client.until(e -> e.data().contains("deploying v3"));
      assertThat(seq(resumed.getFirst())).isEqualTo(seq(end) + 1);
      assertThat(data(resumed.getLast()).path("rolloutId").asLong()).isEqualTo(next.id());
    }
  }

  @Test
  void anIdFromAnotherBootOrTooOldGetsAResetThenTheStatus() throws Exception {
    f.deploy("v1");
    for (String id : List.of("0badboot:3", "garbage", f.hub.bootId() + ":999999")) {
      try (SseClient client = f.open(id)) {
        assertThat(client.next().type()).as(id).isEqualTo("reset");
        SseEvent status = client.next();
        assertThat(status.type()).as(id).isEqualTo("status");
        assertThat(data(status).path("app").asText()).isEqualTo("shop");
      }
    }
  }

  @Test
  void anIdTheRingNoLongerHoldsGetsAReset() throws Exception {
    f.deploy("v1");
    String old;
    try (SseClient client = f.open(null)) {
      old = client.next().id();
    }
    for (int i = 0; i < EventHub.KEPT + 1; i++) {
      f.hub.rollout(
          "shop",
          99,
          new RolloutEvent(Instant.now(), "note", RolloutEvent.Status.INFO, "n" + i, null));
    }
    try (SseClient client = f.open(old)) {
      assertThat(client.next().type()).isEqualTo("reset");
      assertThat(client.next().type()).isEqualTo("status");
    }
  }

  @Test
  void anUnknownAppGets404AndAMissingToken401() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> unknown =
        http.send(
            HttpRequest.newBuilder(f.api.url().resolve("/api/v1/apps/nope/events"))
                .header("Authorization", "Bearer " + EventStreamFixture.TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> noToken =
        http.send(
            HttpRequest.newBuilder(f.api.url().resolve("/api/v1/apps/shop/events")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("nope");
    assertThat(noToken.statusCode()).isEqualTo(401);
  }
}
