package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.relevo.core.engine.AppStatus;
import io.relevo.core.history.RevisionVerdict;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.server.Json;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read commands against a stand-in agent that answers the API's paths with fixed JSON, found
 * through a state dir's {@code agent.json} and token like a real one.
 */
class ReadCommandsTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final Revision STABLE =
      new Revision(
          "shop",
          2,
          "1.1.0",
          "h",
          "app: shop",
          "/srv/shop/relevo.yml",
          Revision.State.SERVING,
          new InstanceRecord("4242", "127.0.0.1", 41000, 0),
          T0,
          null,
          null);
  private static final AppStatus STATUS =
      new AppStatus(
          "shop",
          "production",
          "127.0.0.1:8080",
          STABLE,
          List.of(STABLE),
          TrafficSplit.all(2, new Endpoint("127.0.0.1", 41000)),
          null,
          null);
  private static final RolloutRecord ROLLOUT =
      new RolloutRecord(
          7,
          "shop",
          RolloutRecord.Kind.DEPLOY,
          1,
          2,
          "bluegreen",
          "ana",
          "",
          T0,
          T0.plusSeconds(4),
          RolloutRecord.Outcome.PROMOTED,
          "revision 2 (1.1.0) serves all traffic",
          List.of(
              new RolloutEvent(
                  T0, "ready", RolloutEvent.Status.OK, "ready", Duration.ofMillis(850))));

  private static final RolloutRecord ROLLBACK =
      new RolloutRecord(
          8,
          "shop",
          RolloutRecord.Kind.ROLLBACK,
          3,
          2,
          "switch",
          "ana",
          "carts vanish",
          T0.plusSeconds(60),
          T0.plusSeconds(61),
          RolloutRecord.Outcome.RESTORED,
          "rolled back: revision 2 (1.1.0) serves all traffic",
          List.of());
  private static final List<RevisionVerdict> REVISIONS =
      List.of(
          new RevisionVerdict(
              3,
              "1.2.0",
              Revision.State.STOPPED,
              RevisionVerdict.Mark.BAD,
              "rolled back by ana in rollout 8: carts vanish"),
          new RevisionVerdict(
              2, "1.1.0", Revision.State.SERVING, RevisionVerdict.Mark.GOOD, "serves all traffic"),
          new RevisionVerdict(
              1,
              "1.0.0",
              Revision.State.STOPPED,
              RevisionVerdict.Mark.UNKNOWN,
              "history does not say that it served all traffic"));

  @TempDir Path stateDir;
  private HttpServer agent;

  @BeforeEach
  void startStandIn() throws Exception {
    agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    agent.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          boolean authorized =
              "Bearer tok".equals(exchange.getRequestHeaders().getFirst("Authorization"));
          Object body =
              switch (path) {
                case "/api/v1/apps" -> List.of(STATUS);
                case "/api/v1/apps/shop" -> STATUS;
                case "/api/v1/apps/shop/history" -> List.of(ROLLBACK, ROLLOUT);
                case "/api/v1/apps/shop/revisions" -> REVISIONS;
                default -> null;
              };
          byte[] bytes =
              Json.mapper()
                  .writeValueAsBytes(
                      body == null || !authorized
                          ? Map.of("kind", "NOT_FOUND", "message", "no app named \"x\"")
                          : body);
          exchange.sendResponseHeaders(!authorized ? 401 : body == null ? 404 : 200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    agent.start();
    Files.writeString(
        stateDir.resolve("agent.json"),
        "{\"url\":\"http://127.0.0.1:" + agent.getAddress().getPort() + "\",\"pid\":1}");
    Files.writeString(stateDir.resolve("token"), "tok\n");
  }

  @AfterEach
  void stopStandIn() {
    agent.stop(0);
  }

  @Test
  void statusAsJsonIsTheApisAppStatusList() throws Exception {
    CliRun run =
        CliRun.of(Map.of(), "status", "--output", "json", "--state-dir", stateDir.toString());

    assertThat(run.exitCode()).isEqualTo(0);
    List<AppStatus> apps = Json.mapper().readValue(run.out(), new TypeReference<>() {});
    assertThat(apps).containsExactly(STATUS);
  }

  @Test
  void statusOfOneAppAsJsonParses() throws Exception {
    CliRun run =
        CliRun.of(Map.of(), "status", "shop", "-o", "json", "--state-dir", stateDir.toString());

    assertThat(Json.mapper().readValue(run.out(), AppStatus.class)).isEqualTo(STATUS);
  }

  @Test
  void historyAsJsonIsTheApisRolloutList() throws Exception {
    CliRun run =
        CliRun.of(
            Map.of(), "history", "shop", "--output", "json", "--state-dir", stateDir.toString());

    assertThat(run.exitCode()).isEqualTo(0);
    List<RolloutRecord> rollouts = Json.mapper().readValue(run.out(), new TypeReference<>() {});
    assertThat(rollouts).containsExactly(ROLLBACK, ROLLOUT);
  }

  @Test
  void historyAsJsonGivesEachRolloutTheVerdictOnItsRevision() throws Exception {
    CliRun run =
        CliRun.of(Map.of(), "history", "shop", "-o", "json", "--state-dir", stateDir.toString());

    JsonNode rows = Json.mapper().readTree(run.out());
    assertThat(rows.get(0).path("outcome").asText()).isEqualTo("RESTORED");
    assertThat(
            Json.mapper().treeToValue(rows.get(0).path("toRevisionVerdict"), RevisionVerdict.class))
        .isEqualTo(REVISIONS.get(1));
  }

  @Test
  void historyAsATableMarksTheRevisionEachRolloutWentTo() {
    CliRun run = CliRun.of(Map.of(), "history", "shop", "--state-dir", stateDir.toString());

    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(3);
    int mark = lines.get(0).indexOf("MARK");
    assertThat(mark).isPositive();
    assertThat(lines.get(1)).startsWith("8 ").contains("restored");
    assertThat(lines.get(1).substring(mark)).startsWith("good ");
    assertThat(lines.get(2).substring(mark)).startsWith("good ");
  }

  @Test
  void statusAsATableAlignsItsColumns() {
    CliRun run = CliRun.of(Map.of(), "status", "--state-dir", stateDir.toString());

    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("APP ").contains("STABLE");
    assertThat(lines.get(1)).startsWith("shop ").contains("2 (1.1.0)").contains("2:100%");
    assertThat(lines.get(1).indexOf("2 (1.1.0)")).isEqualTo(lines.get(0).indexOf("STABLE"));
  }

  @Test
  void historyAsATableShowsOutcomeAndDuration() {
    CliRun run = CliRun.of(Map.of(), "history", "shop", "--state-dir", stateDir.toString());

    assertThat(run.out()).contains("promoted").contains("4.0s").contains("ana");
  }

  @Test
  void anUnknownAppIsBadInputWithTheAgentsMessage() {
    CliRun run = CliRun.of(Map.of(), "status", "cart", "--state-dir", stateDir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err().strip()).isEqualTo("relevo: no app named \"x\"");
  }

  @Test
  void aWrongTokenExitsFour() throws Exception {
    Files.writeString(stateDir.resolve("token"), "other\n");

    CliRun run = CliRun.of(Map.of(), "status", "--state-dir", stateDir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAUTHORIZED);
    assertThat(run.err()).contains("refused the token");
  }

  @Test
  void incidentShowsEveryEventOfTheRecentRolloutsInTimeOrder() {
    CliRun run =
        CliRun.of(
            Map.of(), "incident", "shop", "--since", "99999h", "--state-dir", stateDir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("shop: 2 rollouts since ");
    assertThat(lines.subList(1, lines.size()))
        .satisfiesExactly(
            l -> assertThat(l).endsWith("deploy 7 by ana  ready ok: ready"),
            l ->
                assertThat(l)
                    .endsWith(
                        "deploy 7 by ana  ended promoted: revision 2 (1.1.0) serves all traffic"),
            l -> assertThat(l).endsWith("rollback 8 by ana (carts vanish)  started"),
            l ->
                assertThat(l)
                    .endsWith(
                        "rollback 8 by ana (carts vanish)  ended restored: rolled back: revision 2"
                            + " (1.1.0) serves all traffic"));
  }

  @Test
  void incidentSaysWhenNothingHappened() {
    CliRun run =
        CliRun.of(
            Map.of(), "incident", "shop", "--since", "1m", "--state-dir", stateDir.toString());

    assertThat(run.out()).isEqualTo("shop: nothing happened in the last 1m\n");
  }
}
