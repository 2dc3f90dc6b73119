package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.server.v1.RolloutEventListener;
import io.relevo.server.v1.RolloutEventView;
import io.relevo.server.v1.RolloutOutcome;
import io.relevo.server.v1.RolloutView;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * promote, abort and retry through the real API server and client, with stand-in controls that
 * record what reached them: one rollout of {@code shop} is under way while {@code underWay} is
 * true.
 */
class RolloutControlsApiTest {

  private static final String TOKEN = "test-token";
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final String EVIDENCE =
      "canary step 3 failed: error rate 20.1% vs stable 0.3%\n"
          + "error-rate: canary 20.1% vs stable 0.3% (fail if canary - stable > 0.05), 812 vs 7301"
          + " requests";

  @TempDir Path stateDir;
  private final AtomicBoolean underWay = new AtomicBoolean(true);
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private ApiServer api;
  private AgentClient client;

  @BeforeEach
  void start() {
    api =
        ApiServer.start(
            new HostPort("127.0.0.1", 0),
            ApiTls.OFF,
            ApiParts.of(
                    TOKEN,
                    TestAgents.engine(stateDir, new AtomicBoolean(true)),
                    TestAgents.parser())
                .withControls(new Controls()));
    client = AgentClient.of(api.url(), TOKEN);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void promoteAbortAndRetryRefuseRequestsWithoutTheToken() throws Exception {
    for (String action : List.of("promote", "abort", "retry")) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(api.url().resolve("/api/v1/apps/shop/" + action))
                  .header("Authorization", "Bearer wrong")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(action).isEqualTo(401);
    }
    assertThat(calls).isEmpty();
  }

  @Test
  void promoteAnswers204AndHandsFullAndTheActorToTheEngine() throws Exception {
    HttpResponse<String> response = post("/api/v1/apps/shop/promote", "{\"actor\":\"ana\"}");
    client.promote("shop", true, "luis");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(calls)
        .containsExactly("promote shop full=false by ana", "promote shop full=true by luis");
  }

  @Test
  void abortHandsTheActorAndReasonToTheEngine() {
    client.abort("shop", "ana", "p95 doubled on the dashboard");

    assertThat(calls).containsExactly("abort shop by ana: p95 doubled on the dashboard");
  }

  @Test
  void promoteOrAbortWithNoRolloutUnderWayIsAnswered404WithTheEnginesMessage() throws Exception {
    underWay.set(false);

    HttpResponse<String> response = post("/api/v1/apps/shop/abort", "{\"actor\":\"ana\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(body.get("kind").asText()).isEqualTo("NOT_FOUND");
    assertThat(body.get("detail").asText()).isEqualTo("no rollout of shop is under way");
    assertThatThrownBy(() -> client.promote("shop", false, "ana"))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.NOT_FOUND))
        .hasMessage("no rollout of shop is under way");
  }

  @Test
  void aBodyThatIsNotJsonIsBadInputNamingTheBodyItExpected() throws Exception {
    HttpResponse<String> response = post("/api/v1/apps/shop/promote", "full");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.mapper().readTree(response.body()).get("detail").asText())
        .startsWith("request body: malformed JSON at line 1, column ")
        .endsWith("(expected: a JSON object {\"full\": boolean, \"actor\": string})");
    assertThat(calls).isEmpty();
  }

  @Test
  void retryStreamsItsEventsThenTheRolledBackRolloutWithItsEvidence() {
    List<RolloutEventView> events = new CopyOnWriteArrayList<>();

    RolloutView rollout = client.retry("shop", "ana", (id, e) -> events.add(e));

    assertThat(calls).containsExactly("retry shop by ana");
    assertThat(events).extracting(RolloutEventView::step).containsExactly("rollout", "analysis");
    assertThat(rollout.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(rollout.outcomeReason()).isEqualTo(EVIDENCE);
  }

  @Test
  void retryWithNothingToRetryIsAnErrorLineOfItsKind() {
    underWay.set(false);

    assertThatThrownBy(() -> client.retry("shop", "ana", RolloutEventListener.none()))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.NOT_FOUND))
        .hasMessageContaining("nothing to retry");
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(api.url().resolve(path))
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private final class Controls implements RolloutControls {

    @Override
    public void promote(String app, boolean full, String actor) {
      requireUnderWay(app);
      calls.add("promote " + app + " full=" + full + " by " + actor);
    }

    @Override
    public void abort(String app, String actor, String reason) {
      requireUnderWay(app);
      calls.add("abort " + app + " by " + actor + ": " + reason);
    }

    @Override
    public RolloutRecord retry(String app, String actor, RolloutListener listener) {
      if (!underWay.get()) {
        throw new RelevoException(
            RelevoException.Kind.NOT_FOUND,
            "nothing to retry: the last deploy of " + app + " was promoted");
      }
      calls.add("retry " + app + " by " + actor);
      listener.onEvent(
          9, new RolloutEvent(T0, "rollout", RolloutEvent.Status.STARTED, "retry", null));
      listener.onEvent(
          9, new RolloutEvent(T0, "analysis", RolloutEvent.Status.FAILED, "bad", null));
      return new RolloutRecord(
          9,
          app,
          RolloutRecord.Kind.DEPLOY,
          1,
          3,
          "canary",
          actor,
          "",
          T0,
          T0.plusSeconds(30),
          RolloutRecord.Outcome.ROLLED_BACK,
          EVIDENCE,
          List.of());
    }

    private void requireUnderWay(String app) {
      if (!underWay.get()) {
        throw new RelevoException(
            RelevoException.Kind.NOT_FOUND, "no rollout of " + app + " is under way");
      }
    }
  }
}
