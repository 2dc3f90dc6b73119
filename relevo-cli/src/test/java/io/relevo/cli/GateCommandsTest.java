package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.server.v1.GateReportView;
import io.relevo.server.v1.GateStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check, secrets generate and deploy --override-window from the command line. */
class GateCommandsTest {

  private static final String CONFIG =
      """
      app: shop
      runtime:
        command: [run]
        env:
          JWT_SECRET: ${JWT_SECRET}
      gates:
        secrets:
          JWT_SECRET: {min_length: 32, format: hex}
          POSTGRES_PASSWORD: {min_length: 15}
          REDIS_PASSWORD: {min_length: 15, min_entropy: 60}
        window: {days: [tue-thu], hours: "10:00-14:00"}
      """;

  @TempDir Path dir;
  private StandInAgent agent;
  private Path config;

  @BeforeEach
  void setUp() throws Exception {
    agent = StandInAgent.start(Files.createDirectories(dir.resolve("state")));
    config = Files.writeString(dir.resolve("relevo.yml"), CONFIG);
  }

  @AfterEach
  void stopStandIn() {
    agent.close();
  }

  @Test
  void generatePrintsAValueForEverySecretThatPassesItsRule() {
    CliRun run =
        CliRun.of(Map.of(), "secrets", "generate", "--for", "shop", "-f", config.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches("JWT_SECRET=[0-9a-f]{64}");
    assertThat(lines.get(1)).matches("POSTGRES_PASSWORD=[A-Za-z0-9]{32}");
    assertThat(lines.get(2)).matches("REDIS_PASSWORD=[A-Za-z0-9]{32,}");
  }

  @Test
  void generateWritesAnOwnerOnlyFileAndNeverOverwritesOne() throws Exception {
    Path file = dir.resolve("secrets.env");

    CliRun run =
        CliRun.of(
            Map.of(),
            "secrets",
            "generate",
            "--for",
            "shop",
            "-f",
            config.toString(),
            "--write",
            file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readAllLines(file)).hasSize(3);
    assertThat(run.out()).doesNotContain("JWT_SECRET=");

    String before = Files.readString(file);
    CliRun again =
        CliRun.of(
            Map.of(),
            "secrets",
            "generate",
            "--for",
            "shop",
            "-f",
            config.toString(),
            "--write",
            file.toString());
    assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(again.err()).contains("exists; relevo does not overwrite secrets");
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void checkExitsOneAndListsEveryProblemWhenAGateFails() {
    Instant at = Instant.parse("2026-11-27T11:00:00Z");
    agent.answer(
        "POST /api/v1/apps/shop/check",
        200,
        new GateReportView(
            List.of(
                new GateReportView.Result(
                    "secrets",
                    GateStatus.FAILED,
                    "1 problem in 3 secrets",
                    List.of("JWT_SECRET: not set (expected: set in runtime.env)"),
                    null,
                    at),
                new GateReportView.Result(
                    "window", GateStatus.PASSED, "open", List.of(), null, at))));

    CliRun run = cli("check", "shop", "-f", config.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out())
        .isEqualTo(
            """
            secrets: failed: 1 problem in 3 secrets
              JWT_SECRET: not set (expected: set in runtime.env)
            window: passed: open
            shop: a deploy now would be refused
            """);
    assertThat(agent.received().getFirst())
        .startsWith("POST /api/v1/apps/shop/check {\"configFile\":");
  }

  @Test
  void checkAsJsonIsTheReportAndPassingGatesExitZero() {
    agent.answer(
        "POST /api/v1/apps/shop/check",
        200,
        new GateReportView(
            List.of(
                new GateReportView.Result(
                    "window",
                    GateStatus.PASSED,
                    "open",
                    List.of(),
                    null,
                    Instant.parse("2026-11-24T11:00:00Z")))));

    CliRun run = cli("check", "shop", "-f", config.toString(), "--output", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"gate\" : \"window\"").contains("\"status\" : \"PASSED\"");
  }

  @Test
  void overrideWindowIsSentWithTheReason() {
    agent.answer("POST /api/v1/apps/shop/deploy", 400, Map.of("kind", "BAD_INPUT", "message", "x"));

    cli(
        "deploy",
        "shop",
        "--version",
        "v1",
        "-f",
        config.toString(),
        "--override-window",
        "--reason",
        "hotfix");

    assertThat(agent.received().getFirst())
        .contains("\"reason\":\"hotfix\"")
        .contains("\"overrides\":[\"window\"]");
  }

  @Test
  void unlockSendsWhoAndWhyAndPrintsWhatHeldTheLock() {
    agent.answer(
        "POST /api/v1/apps/shop/unlock",
        200,
        Map.of("released", "rollout 7, deploy of v2 by ana since 2026-11-24T10:00:00Z (2h ago)"));

    CliRun run = cli("unlock", "shop", "--reason", "pause forgotten", "--actor", "bob");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(agent.received())
        .containsExactly(
            "POST /api/v1/apps/shop/unlock {\"actor\":\"bob\",\"reason\":\"pause forgotten\"}");
    assertThat(run.out())
        .isEqualTo(
            "shop: unlocked; it was held by rollout 7, deploy of v2 by ana since"
                + " 2026-11-24T10:00:00Z (2h ago)\n");
  }

  @Test
  void unlockWithoutAReasonIsAUsageError() {
    CliRun run = cli("unlock", "shop");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("Missing required option: '--reason=TEXT'");
    assertThat(agent.received()).isEmpty();
  }

  @Test
  void approveSendsTheRolloutAndTheApproverAndPrintsWhereApprovalsStand() {
    agent.answer(
        "POST /api/v1/apps/shop/approve",
        200,
        Map.of("approvals", "1 of 2 approvals (bob, code-owners); still needed from tech-leads"));

    CliRun run = cli("approve", "shop", "--rollout", "5", "--actor", "bob");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(agent.received())
        .containsExactly("POST /api/v1/apps/shop/approve {\"rollout\":5,\"actor\":\"bob\"}");
    assertThat(run.out())
        .isEqualTo(
            "shop: rollout 5 approved by bob; 1 of 2 approvals (bob, code-owners); still needed"
                + " from tech-leads\n");
  }

  @Test
  void approvingARolloutThatDoesNotExistIsOneLineAndExitsTwo() {
    agent.answer(
        "POST /api/v1/apps/shop/approve",
        404,
        Map.of("kind", "NOT_FOUND", "message", "no rollout 99 of shop (expected: ...)"));

    CliRun run = cli("approve", "shop", "--rollout", "99");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).isEqualTo("relevo: no rollout 99 of shop (expected: ...)\n");
  }

  private CliRun cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--state-dir";
    all[args.length + 1] = dir.resolve("state").toString();
    return CliRun.of(Map.of("USER", "tester", "JWT_SECRET", "ab"), all);
  }
}
