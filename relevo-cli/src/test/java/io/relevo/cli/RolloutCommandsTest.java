package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.server.Json;
import io.relevo.server.v1.EventStatus;
import io.relevo.server.v1.RolloutEventView;
import io.relevo.server.v1.RolloutKind;
import io.relevo.server.v1.RolloutOutcome;
import io.relevo.server.v1.RolloutView;
import io.relevo.server.v1.StreamLine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * promote, abort, retry and rollback against a stand-in agent, with the exit codes scripts rely on.
 */
class RolloutCommandsTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final String NO_ROLLOUT =
      "{\"kind\":\"NOT_FOUND\"," + "\"message\":\"no rollout of cart is under way\"}";
  private static final String EVIDENCE =
      """
      canary step 3 failed: error rate 20.1% vs stable 0.3% (limit +5 points) over 30s
      error-rate: canary 20.1% vs stable 0.3% (fail if canary - stable > 0.05), 812 vs 7301 requests
      p95: canary 120ms vs stable 110ms (fail if canary - stable > 3s), 812 vs 7301 requests
      traffic is back on revision 2 (1.1.0)""";

  @TempDir Path stateDir;
  private StandInAgent agent;

  @BeforeEach
  void startStandIn() throws Exception {
    agent =
        StandInAgent.start(stateDir)
            .noContent("POST /api/v1/apps/shop/promote")
            .noContent("POST /api/v1/apps/shop/abort")
            .answer("POST /api/v1/apps/cart/promote", 404, Json.mapper().readTree(NO_ROLLOUT))
            .answer("POST /api/v1/apps/cart/abort", 404, Json.mapper().readTree(NO_ROLLOUT));
  }

  @AfterEach
  void stopStandIn() {
    agent.close();
  }

  @Test
  void promoteFullSendsFullAndTheActorAndExitsZero() {
    CliRun run = cli("promote", "shop", "--full", "--actor", "ana");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(agent.received())
        .containsExactly("POST /api/v1/apps/shop/promote {\"full\":true,\"actor\":\"ana\"}");
    assertThat(run.out()).contains("shop: promoting straight to 100%");
  }

  @Test
  void promoteWithoutFullGoesOnPastThePauseOnly() {
    CliRun run = cli("promote", "shop", "--actor", "ana");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(agent.received()).singleElement().asString().contains("\"full\":false");
    assertThat(run.out()).contains("promoted past the pause");
  }

  @Test
  void abortSendsTheReasonAndExitsZero() {
    CliRun run = cli("abort", "shop", "--reason", "SEV1: checkout 500s", "--actor", "ana");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(agent.received())
        .containsExactly(
            "POST /api/v1/apps/shop/abort {\"actor\":\"ana\",\"reason\":\"SEV1: checkout 500s\"}");
    assertThat(run.out()).contains("all traffic is back on the stable revision");
  }

  @Test
  void promoteOrAbortWithNoRolloutUnderWayExitsTwoWithTheAgentsMessage() {
    for (String command : List.of("promote", "abort")) {
      CliRun run = cli(command, "cart");

      assertThat(run.exitCode()).as(command).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(run.err().strip())
          .as(command)
          .isEqualTo("relevo: no rollout of cart is under way");
    }
  }

  @Test
  void aRetryThatRollsBackPrintsItsProgressAndEvidenceAndExitsOne() {
    agent.stream(
        "POST /api/v1/apps/shop/retry",
        StreamLine.event(
            9,
            new RolloutEventView(
                T0, "rollout", EventStatus.STARTED, "retrying 1.2.0 as revision 4 (canary)", null)),
        StreamLine.event(
            9,
            new RolloutEventView(
                T0.plusSeconds(30), "analysis", EventStatus.FAILED, "error-rate failed", null)),
        StreamLine.result(rollout(RolloutOutcome.ROLLED_BACK, EVIDENCE)));

    CliRun run = cli("retry", "shop", "--actor", "ana");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(agent.received())
        .containsExactly("POST /api/v1/apps/shop/retry {\"actor\":\"ana\"}");
    assertThat(run.out().lines().toList())
        .containsSubsequence(
            "  +0.0s  rollout  started   retrying 1.2.0 as revision 4 (canary)",
            " +30.0s  analysis failed    error-rate failed",
            "shop: retry rolled back after 30.0s (rollout 9):",
            "  canary step 3 failed: error rate 20.1% vs stable 0.3% (limit +5 points) over 30s",
            "  error-rate: canary 20.1% vs stable 0.3% (fail if canary - stable > 0.05), 812 vs 7301"
                + " requests",
            "  p95: canary 120ms vs stable 110ms (fail if canary - stable > 3s), 812 vs 7301 requests",
            "  traffic is back on revision 2 (1.1.0)");
  }

  @Test
  void aRetryThatIsPromotedExitsZero() {
    agent.stream(
        "POST /api/v1/apps/shop/retry",
        StreamLine.result(rollout(RolloutOutcome.PROMOTED, "revision 4 serves all traffic")));

    CliRun run = cli("retry", "shop");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("shop: retry done in 30.0s, revision 4 serves all traffic");
  }

  @Test
  void aRetryAsJsonPrintsTheRolloutAndStillExitsOneWhenRolledBack() throws Exception {
    RolloutView rolledBack = rollout(RolloutOutcome.ROLLED_BACK, EVIDENCE);
    agent.stream("POST /api/v1/apps/shop/retry", StreamLine.result(rolledBack));

    CliRun run = cli("retry", "shop", "--output", "json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(Json.mapper().readValue(run.out(), RolloutView.class)).isEqualTo(rolledBack);
  }

  @Test
  void aRollbackToARevisionMarkedBadPrintsTheWarningAndExitsZeroOnceRestored() {
    RolloutView restored =
        new RolloutView(
            10,
            "shop",
            RolloutKind.ROLLBACK,
            3,
            2,
            "switch",
            "ana",
            "",
            T0,
            T0.plusSeconds(1),
            RolloutOutcome.RESTORED,
            "rolled back: revision 2 (1.1.0) serves all traffic",
            List.of());
    agent.stream(
        "POST /api/v1/apps/shop/rollback",
        StreamLine.event(
            10,
            new RolloutEventView(
                T0,
                "target",
                EventStatus.WARNING,
                "revision 2 (1.1.0) is marked bad (crashed); rolling back to it as asked",
                null)),
        StreamLine.result(restored));

    CliRun run = cli("rollback", "shop", "--to", "2");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().lines().toList())
        .containsExactly(
            "  +0.0s  target   warning   revision 2 (1.1.0) is marked bad (crashed); rolling back"
                + " to it as asked",
            "shop: rollback done in 1.0s, revision 2 serves all traffic (rollout 10)");
  }

  @Test
  void aRetryTheAgentRefusesExitsWithTheCodeOfItsKind() {
    agent.stream(
        "POST /api/v1/apps/shop/retry",
        new StreamLine(
            "error", null, null, null, "CONFLICT", "a rollout of shop is under way (rollout 8)"));

    CliRun run = cli("retry", "shop");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("a rollout of shop is under way");
  }

  private CliRun cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--state-dir";
    all[args.length + 1] = stateDir.toString();
    return CliRun.of(Map.of("USER", "tester"), all);
  }

  private static RolloutView rollout(RolloutOutcome outcome, String reason) {
    return new RolloutView(
        9,
        "shop",
        RolloutKind.DEPLOY,
        2,
        4,
        "canary",
        "ana",
        "",
        T0,
        T0.plusSeconds(30),
        outcome,
        reason,
        List.of());
  }
}
