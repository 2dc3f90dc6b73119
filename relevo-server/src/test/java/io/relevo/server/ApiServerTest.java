package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.RelevoException;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.HostPort;
import io.relevo.server.v1.DeployBody;
import io.relevo.server.v1.EventStatus;
import io.relevo.server.v1.RevisionConfigView;
import io.relevo.server.v1.RollbackBody;
import io.relevo.server.v1.RolloutEventView;
import io.relevo.server.v1.RolloutOutcome;
import io.relevo.server.v1.RolloutView;
import io.relevo.server.v1.VerdictMark;
import io.relevo.server.v1.VerdictView;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServerTest {

  private static final String TOKEN = "test-token";
  private static final String GOOD_CONFIG = "app: shop\n";

  @TempDir Path stateDir;
  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private final HttpClient http = HttpClient.newHttpClient();
  private ApiServer api;
  private AgentClient client;

  @BeforeEach
  void start() {
    api =
        ApiServer.start(
            new HostPort("127.0.0.1", 0),
            TOKEN,
            TestAgents.engine(stateDir, healthy),
            TestAgents.parser());
    client = AgentClient.of(api.url(), TOKEN);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void requestsWithoutTheRightBearerTokenAreRefusedWith401() throws Exception {
    HttpResponse<String> none =
        http.send(
            HttpRequest.newBuilder(api.url().resolve("/api/v1/apps")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> wrong = get("/api/v1/apps", "Bearer not-the-token");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(get("/api/v1/apps", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void aClientWithTheWrongTokenIsToldTheTokenWasRefused() {
    assertThatThrownBy(() -> AgentClient.of(api.url(), "wrong").apps())
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.UNAUTHORIZED))
        .hasMessageContaining("refused the token");
  }

  @Test
  void anUnknownAppIsAnswered404WithItsKindAndMessage() throws Exception {
    HttpResponse<String> response = get("/api/v1/apps/nope", "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(body.get("kind").asText()).isEqualTo("NOT_FOUND");
    assertThat(body.get("detail").asText()).contains("nope");
    assertThat(body.get("type").asText()).isEqualTo("https://relevo.dev/problems/not-found");
    assertThat(body.get("title").asText()).isEqualTo("Not found");
    assertThat(body.get("status").asInt()).isEqualTo(404);
    assertThat(body.get("instance").asText()).isEqualTo("GET /api/v1/apps/nope");
  }

  @Test
  void aConfigWithProblemsIsAnswered400ListingEveryProblem() throws Exception {
    HttpResponse<String> response =
        post(
            "/api/v1/apps/shop/deploy",
            new DeployBody(
                "/srv/shop/relevo.yml", "app: shop\nport: x\nlisten: y\n", "1.0.0", "ana", ""));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(body.get("kind").asText()).isEqualTo("BAD_INPUT");
    assertThat(body.get("detail").asText())
        .contains("relevo.yml:2: unknown key")
        .contains("relevo.yml:3: unknown key");
  }

  @Test
  void aDeployWhoseConfigNamesAnotherAppIsRefused() {
    assertThatThrownBy(
            () ->
                client.deploy(
                    "cart",
                    new DeployBody("/srv/shop/relevo.yml", GOOD_CONFIG, "1.0.0", "ana", ""),
                    (id, e) -> {}))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
        .hasMessageContaining("\"shop\"")
        .hasMessageContaining("\"cart\"");
  }

  @Test
  void aBugIsAnswered500WithoutItsInternalsAndSaysItIsABug() throws Exception {
    api.close();
    api =
        ApiServer.start(
            new HostPort("127.0.0.1", 0),
            TOKEN,
            TestAgents.engine(stateDir, healthy),
            (file, text) -> {
              throw new IllegalStateException("boom");
            });

    HttpResponse<String> response =
        post(
            "/api/v1/apps/shop/deploy",
            new DeployBody("/srv/shop/relevo.yml", GOOD_CONFIG, "1.0.0", "ana", ""));

    assertThat(response.statusCode()).isEqualTo(500);
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(body.get("kind").asText()).isEqualTo(ApiErrors.BUG);
    assertThat(body.get("detail").asText()).contains("this is a bug");
  }

  @Test
  void aDeployIsStreamedAsNdjsonEventsThenOneResult() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(api.url().resolve("/api/v1/apps/shop/deploy"))
            .header("Authorization", "Bearer " + TOKEN)
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    Json.mapper()
                        .writeValueAsBytes(
                            new DeployBody(
                                "/srv/shop/relevo.yml", GOOD_CONFIG, "1.0.0", "ana", "first"))))
            .build();
    HttpResponse<java.io.InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    List<JsonNode> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        lines.add(Json.mapper().readTree(line));
      }
    }

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    assertThat(lines).hasSizeGreaterThan(2);
    assertThat(lines.subList(0, lines.size() - 1))
        .allSatisfy(line -> assertThat(line.get("type").asText()).isEqualTo("event"));
    assertThat(lines.getFirst().get("event").get("step").asText()).isEqualTo("rollout");
    JsonNode result = lines.getLast();
    assertThat(result.get("type").asText()).isEqualTo("result");
    assertThat(result.get("rollout").get("outcome").asText()).isEqualTo("PROMOTED");
    assertThat(result.get("rollout").get("actor").asText()).isEqualTo("ana");
  }

  @Test
  void theClientHandsEveryEventToItsListenerAndReturnsTheRollout() {
    List<RolloutEventView> events = new CopyOnWriteArrayList<>();

    RolloutView rollout =
        client.deploy(
            "shop",
            new DeployBody("/srv/shop/relevo.yml", GOOD_CONFIG, "1.0.0", "ana", ""),
            (id, event) -> events.add(event));

    assertThat(rollout.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
    assertThat(events).extracting(RolloutEventView::step).contains("start", "ready", "switch");
    assertThat(client.app("shop").stable().version()).isEqualTo("1.0.0");
    assertThat(client.apps()).extracting(s -> s.app()).containsExactly("shop");
    assertThat(client.history("shop", 5)).hasSize(1);
  }

  @Test
  void revisionsAreListedNewestFirstWithTheirMarks() {
    DeployBody body = new DeployBody("/srv/shop/relevo.yml", GOOD_CONFIG, "1.0.0", "ana", "");
    client.deploy("shop", body, (id, e) -> {});
    client.deploy("shop", body, (id, e) -> {});

    RolloutView rollback =
        client.rollback("shop", new RollbackBody(null, "ana", "carts vanish"), (id, e) -> {});

    assertThat(rollback.outcome()).isEqualTo(RolloutOutcome.RESTORED);
    assertThat(client.revisions("shop"))
        .extracting(VerdictView::revision, VerdictView::mark, VerdictView::why)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                2, VerdictMark.BAD, "rolled back by ana in rollout 3: carts vanish"),
            org.assertj.core.groups.Tuple.tuple(1, VerdictMark.GOOD, "serves all traffic"));
  }

  @Test
  void aRevisionIsReadBackWithTheConfigItWasDeployedWith() {
    client.deploy(
        "shop",
        new DeployBody("/srv/shop/relevo.yml", GOOD_CONFIG, "1.0.0", "ana", ""),
        (id, e) -> {});

    RevisionConfigView revision = client.revision("shop", 1);

    assertThat(revision.version()).isEqualTo("1.0.0");
    assertThat(revision.configText()).isEqualTo(GOOD_CONFIG);
    assertThat(revision.configFile()).isEqualTo("/srv/shop/relevo.yml");
    assertThat(revision.configHash()).hasSize(64);
    assertThatThrownBy(() -> client.revision("shop", 7))
        .hasMessageContaining("no revision 7 of shop");
  }

  @Test
  void aRevisionThatNeverGetsReadyEndsInAFailedResultWithItsHealthAttempts() {
    healthy.set(false);
    List<RolloutEventView> events = new CopyOnWriteArrayList<>();

    RolloutView rollout =
        client.deploy(
            "shop",
            new DeployBody("/srv/shop/relevo.yml", GOOD_CONFIG, "1.0.0", "ana", ""),
            (id, event) -> events.add(event));

    assertThat(rollout.outcome()).isEqualTo(RolloutOutcome.FAILED);
    assertThat(rollout.outcomeReason()).contains("unhealthy");
    assertThat(events)
        .filteredOn(e -> e.status() == EventStatus.PROGRESS)
        .extracting(RolloutEventView::message)
        .anyMatch(m -> m.contains("connection refused"));
  }

  @Test
  void aRollbackWithNothingToGoBackToIsAnErrorLineOfItsKind() {
    client.deploy(
        "shop",
        new DeployBody("/srv/shop/relevo.yml", GOOD_CONFIG, "1.0.0", "ana", ""),
        (id, e) -> {});

    assertThatThrownBy(
            () -> client.rollback("shop", new RollbackBody(null, "ana", ""), (id, e) -> {}))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
        .hasMessageContaining("no earlier revision");
  }

  @Test
  void promoteOrAbortWithNoRolloutUnderWayIsNotFound() {
    client.deploy(
        "shop",
        new DeployBody("/srv/shop/relevo.yml", GOOD_CONFIG, "1.0.0", "ana", ""),
        (id, e) -> {});

    assertThatThrownBy(() -> client.promote("shop", true, "ana"))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.NOT_FOUND))
        .hasMessage("no rollout of shop is under way");
    assertThatThrownBy(() -> client.abort("shop", "ana", "SEV1"))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.NOT_FOUND));
  }

  @Test
  void retryRunsTheLastFailedDeployAgainAndRefusesOnceItWasPromoted() {
    // retry loads the failed revision's config again, with the real loader
    api.close();
    api =
        ApiServer.start(
            new HostPort("127.0.0.1", 0),
            TOKEN,
            TestAgents.engine(stateDir, healthy),
            (file, text) -> ConfigLoader.parse(file, text, Map.of()));
    client = AgentClient.of(api.url(), TOKEN);
    String config = "app: shop\nruntime: {command: [\"true\"]}\n";
    healthy.set(false);
    RolloutView failed =
        client.deploy(
            "shop",
            new DeployBody("/srv/shop/relevo.yml", config, "1.0.0", "ana", ""),
            (id, e) -> {});
    healthy.set(true);
    List<RolloutEventView> events = new CopyOnWriteArrayList<>();

    RolloutView retried = client.retry("shop", "luis", (id, e) -> events.add(e));

    assertThat(failed.outcome()).isEqualTo(RolloutOutcome.FAILED);
    assertThat(retried.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
    assertThat(retried.actor()).isEqualTo("luis");
    assertThat(events).isNotEmpty();
    assertThat(client.app("shop").stable().version()).isEqualTo("1.0.0");
    assertThatThrownBy(() -> client.retry("shop", "luis", (id, e) -> {}))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
        .hasMessageContaining("nothing to retry");
  }

  @Test
  void logsAreTailedAndFollowedUntilTheClientStopsReading() throws Exception {
    client.deploy(
        "shop",
        new DeployBody("/srv/shop/relevo.yml", GOOD_CONFIG, "1.0.0", "ana", ""),
        (id, e) -> {});
    Path log = stateDir.resolve("logs/shop/1.log");
    Files.createDirectories(log.getParent());
    Files.writeString(
        log, "line 1\nline 2\nline 3\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);

    List<String> tail = new ArrayList<>();
    client.logs("shop", 1, 2, false, tail::add);
    assertThat(tail).containsExactly("line 2", "line 3");

    List<String> followed = new CopyOnWriteArrayList<>();
    Thread follower =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    client.logs("shop", 1, 1, true, followed::add);
                  } catch (RelevoException e) {
                    // interrupted at the end of the test
                  }
                });
    org.awaitility.Awaitility.await().until(() -> followed.contains("line 3"));
    Files.writeString(log, "line 4\n", StandardOpenOption.APPEND);
    org.awaitility.Awaitility.await().until(() -> followed.contains("line 4"));
    follower.interrupt();
  }

  @Test
  void logsOfAnUnknownRevisionAreNotFound() {
    assertThatThrownBy(() -> client.logs("shop", 9, 10, false, line -> {}))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.NOT_FOUND));
  }

  @Test
  void theApiRefusesToListenBeyondLoopback() {
    assertThatThrownBy(
            () ->
                ApiServer.start(
                    new HostPort("0.0.0.0", 0),
                    TOKEN,
                    TestAgents.engine(stateDir, healthy),
                    TestAgents.parser()))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
        .hasMessageContaining("0.0.0.0:0")
        .hasMessageContaining("loopback");
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    return http.send(
        HttpRequest.newBuilder(api.url().resolve(path))
            .header("Authorization", authorization)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, Object body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(api.url().resolve(path))
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
