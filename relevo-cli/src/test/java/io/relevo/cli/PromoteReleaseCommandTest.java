package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.server.Json;
import io.relevo.server.v1.RevisionConfigView;
import io.relevo.server.v1.RevisionState;
import io.relevo.server.v1.RolloutKind;
import io.relevo.server.v1.RolloutOutcome;
import io.relevo.server.v1.RolloutView;
import io.relevo.server.v1.StreamLine;
import io.relevo.server.v1.VerdictMark;
import io.relevo.server.v1.VerdictView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** promote-release against a stand-in agent: what it ships, and when it refuses. */
class PromoteReleaseCommandTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  /** The config as it was when staging got revision 4. */
  private static final String SHIPPED =
      """
      app: shop
      runtime:
        command: [java, -jar, "shop-{version}.jar"]
      listen: 127.0.0.1:8080
      environments:
        staging: {listen: 127.0.0.1:8081}
        production: {listen: 127.0.0.1:8082}
      """;

  @TempDir Path dir;
  private StandInAgent agent;
  private Path config;

  @BeforeEach
  void setUp() throws Exception {
    agent = StandInAgent.start(Files.createDirectories(dir.resolve("state")));
    // The file on disk moved on since (a new command); promote-release ships what staging ran.
    config =
        Files.writeString(
            dir.resolve("relevo.yml"), SHIPPED.replace("[java, -jar", "[java, -Xmx1g, -jar"));
    agent.answer(
        "GET /api/v1/apps/shop-staging/revisions/4",
        200,
        new RevisionConfigView(
            "shop-staging",
            4,
            "1.4.0",
            "/srv/shop/relevo.yml",
            SHIPPED + "environment: staging\n",
            "3f2a9c0d1e2b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f"));
  }

  @AfterEach
  void stopStandIn() {
    agent.close();
  }

  @Test
  void aRevisionThatPassedStagingShipsWithTheSameVersionAndConfig() throws Exception {
    verdict(VerdictMark.GOOD, "");
    agent.stream(
        "POST /api/v1/apps/shop-production/deploy",
        StreamLine.result(
            new RolloutView(
                12,
                "shop-production",
                RolloutKind.DEPLOY,
                3,
                5,
                "bluegreen",
                "ana",
                "",
                T0,
                T0.plusSeconds(20),
                RolloutOutcome.PROMOTED,
                "revision 5 (1.4.0) serves all traffic",
                List.of())));

    CliRun run = cli("promote-release", "shop", "--from", "staging", "--to", "production");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith(
            "promoting shop-staging revision 4 (1.4.0, config sha256 3f2a9c0d1e2b) to"
                + " shop-production\n");
    String deploy =
        agent.received().stream()
            .filter(r -> r.startsWith("POST /api/v1/apps/shop-production/deploy "))
            .findFirst()
            .orElseThrow();
    Map<?, ?> body = Json.mapper().readValue(deploy.substring(deploy.indexOf('{')), Map.class);
    assertThat(body.get("version")).isEqualTo("1.4.0");
    assertThat(body.get("configText")).isEqualTo(SHIPPED + "environment: production\n");
    assertThat(body.get("configFile")).isEqualTo("/srv/shop/relevo.yml");
    assertThat((String) body.get("reason"))
        .isEqualTo(
            "promote-release of shop-staging revision 4 (1.4.0, config sha256 3f2a9c0d1e2b)");
  }

  @Test
  void aRevisionThatFailedSinceIsRefusedAndNothingIsDeployed() throws Exception {
    verdict(VerdictMark.BAD, "rolled back by relevo in rollout 9: error rate 20%");

    CliRun run = cli("promote-release", "shop", "--from", "staging", "--to", "production");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err())
        .contains(
            "revision 4 (1.4.0) of shop-staging did not pass staging or failed since: rolled back"
                + " by relevo in rollout 9: error rate 20%; nothing was deployed to production");
    assertThat(agent.received()).noneMatch(r -> r.contains("/deploy"));
  }

  @Test
  void aRevisionStillUnderWayIsRefused() throws Exception {
    verdict(VerdictMark.UNKNOWN, "");

    CliRun run = cli("promote-release", "shop", "--from", "staging", "--to", "production");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("revision 4 (1.4.0) of shop-staging has not passed staging yet");
  }

  @Test
  void anUnknownEnvironmentIsBadInputNamingTheOnesThatExist() {
    CliRun run = cli("promote-release", "shop", "--from", "staging", "--to", "prod");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err())
        .contains("unknown environment \"prod\" (expected: one of staging, production)");
    assertThat(agent.received()).isEmpty();
  }

  private void verdict(VerdictMark mark, String why) {
    agent.answer(
        "GET /api/v1/apps/shop-staging/revisions",
        200,
        List.of(
            new VerdictView(4, "1.4.0", RevisionState.SERVING, mark, why),
            new VerdictView(3, "1.3.2", RevisionState.STOPPED, VerdictMark.GOOD, "")));
  }

  private CliRun cli(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--state-dir";
    all[args.length + 1] = dir.resolve("state").toString();
    all[args.length + 2] = "-f";
    all[args.length + 3] = config.toString();
    return CliRun.of(Map.of("USER", "ana"), all);
  }
}
