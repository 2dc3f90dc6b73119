package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

/** `relevo rollback --severity` against a stand-in agent: prompts, refusals, what it prints. */
class SeverityRollbackCommandTest {

  private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");

  @TempDir Path stateDir;
  private StandInAgent agent;

  @BeforeEach
  void startStandIn() throws Exception {
    agent = StandInAgent.start(stateDir);
  }

  @AfterEach
  void stopStandIn() {
    agent.close();
  }

  @Test
  void sev1RollsBackWithoutAPromptAndPrintsTheChecklist() {
    agent.stream(
        "POST /api/v1/apps/shop/rollback",
        event("severity", "SEV1 (system down): full rollback at once"),
        event("checklist", "notified: no channel configured"),
        StreamLine.result(rollout(RolloutKind.ROLLBACK, RolloutOutcome.RESTORED)));

    CliRun run = cli("rollback", "shop", "--severity", "SEV1", "--reason", "all 500s");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(agent.received())
        .singleElement()
        .asString()
        .contains("\"reason\":\"all 500s\"", "\"severity\":\"SEV1\"", "\"now\":false");
    assertThat(run.out())
        .contains("checklist ok        notified: no channel configured")
        .contains("shop: rollback done in 1.0s, revision 1 serves all traffic (rollout 9)");
  }

  @Test
  void sev2WithoutATerminalOrYesIsRefusedInOneLineAndSendsNothing() {
    CliRun run = cli("rollback", "shop", "--severity", "SEV2", "--reason", "no payments");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(agent.received()).isEmpty();
    assertThat(run.err().strip())
        .isEqualTo("SEV2 rollback of shop needs a confirmation: run it on a terminal or add --yes");
  }

  @Test
  void sev2WithYesRollsBack() {
    agent.stream(
        "POST /api/v1/apps/shop/rollback",
        StreamLine.result(rollout(RolloutKind.ROLLBACK, RolloutOutcome.RESTORED)));

    CliRun run = cli("rollback", "shop", "--severity", "SEV2", "--reason", "no payments", "--yes");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(agent.received()).singleElement().asString().contains("\"severity\":\"SEV2\"");
  }

  @Test
  void sev3RecordsAnIncidentAndSaysToFixForward() {
    agent.stream(
        "POST /api/v1/apps/shop/rollback",
        StreamLine.result(rollout(RolloutKind.INCIDENT, RolloutOutcome.RECORDED)));

    CliRun run = cli("rollback", "shop", "--severity", "SEV3", "--reason", "slow search");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("shop: SEV3 incident recorded (rollout 9); traffic untouched; fix forward");
  }

  @Test
  void aSeverityWithoutAReasonIsRefused() {
    CliRun run = cli("rollback", "shop", "--severity", "SEV1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(agent.received()).isEmpty();
    assertThat(run.err()).contains("--severity needs a reason");
  }

  private static StreamLine event(String step, String message) {
    return StreamLine.event(9, new RolloutEventView(T0, step, EventStatus.OK, message, null));
  }

  private static RolloutView rollout(RolloutKind kind, RolloutOutcome outcome) {
    return new RolloutView(
        9,
        "shop",
        kind,
        2,
        kind == RolloutKind.INCIDENT ? 2 : 1,
        "switch",
        "tester",
        "x",
        T0,
        T0.plusSeconds(1),
        outcome,
        outcome == RolloutOutcome.RECORDED
            ? "traffic untouched; fix forward within the hour"
            : "rolled back",
        List.of());
  }

  private CliRun cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--state-dir";
    all[args.length + 1] = stateDir.toString();
    return CliRun.of(Map.of("USER", "tester"), all);
  }
}
