package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.server.v1.EventStatus;
import io.relevo.server.v1.RolloutEventView;
import io.relevo.server.v1.RolloutKind;
import io.relevo.server.v1.RolloutOutcome;
import io.relevo.server.v1.RolloutView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void eachEventIsOneLineWithElapsedTimeStepStatusAndMessage() {
    StringWriter text = new StringWriter();
    ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text));

    printer.onEvent(1, new RolloutEventView(T0, "rollout", EventStatus.STARTED, "deploying", null));
    printer.onEvent(
        1,
        new RolloutEventView(
            T0.plusMillis(2500),
            "ready",
            EventStatus.PROGRESS,
            "check 2: connection refused (2/3)",
            null));

    assertThat(text.toString().lines())
        .containsExactly(
            "  +0.0s  rollout  started   deploying",
            "  +2.5s  ready    progress  check 2: connection refused (2/3)");
  }

  @Test
  void aFailedRolloutExitsOneAndPrintsItsReason() {
    StringWriter text = new StringWriter();
    RolloutView failed =
        new RolloutView(
            3,
            "shop",
            RolloutKind.DEPLOY,
            1,
            2,
            "bluegreen",
            "ana",
            "",
            T0,
            T0.plusSeconds(2),
            RolloutOutcome.FAILED,
            "revision 2 (v2) is unhealthy\ntraffic stays on revision 1 (v1)",
            List.of());

    int code = ProgressPrinter.printOutcome(failed, new PrintWriter(text));

    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(text.toString())
        .contains("shop: deploy failed after 2.0s (rollout 3)")
        .contains("unhealthy")
        .contains("traffic stays on revision 1 (v1)");
  }

  @Test
  void aRolledBackRolloutPrintsEachLineOfItsEvidenceIndentedUnderTheOutcome() {
    StringWriter text = new StringWriter();
    RolloutView rolledBack =
        new RolloutView(
            5,
            "shop",
            RolloutKind.DEPLOY,
            1,
            2,
            "canary",
            "ana",
            "",
            T0,
            T0.plusSeconds(42),
            RolloutOutcome.ROLLED_BACK,
            "canary step 3 failed: error rate 7.2% vs stable 0.4%\n"
                + "error-rate: canary 7.2% vs stable 0.4%, 812 vs 7301 requests\n",
            List.of());

    int code = ProgressPrinter.printOutcome(rolledBack, new PrintWriter(text));

    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(text.toString().lines())
        .containsExactly(
            "shop: deploy rolled back after 42.0s (rollout 5):",
            "  canary step 3 failed: error rate 7.2% vs stable 0.4%",
            "  error-rate: canary 7.2% vs stable 0.4%, 812 vs 7301 requests");
  }
}
