package io.relevo.cli;

import io.relevo.server.v1.RolloutEventListener;
import io.relevo.server.v1.RolloutEventView;
import io.relevo.server.v1.RolloutKind;
import io.relevo.server.v1.RolloutView;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Shows a rollout as it runs, one line per event: time since the rollout started, step, status and
 * message, with continuation lines of a message indented under it.
 *
 * <pre>
 *   +0.0s  rollout  started   deploying 1.2.0 to shop as revision 3 (bluegreen)
 *   +0.4s  ready    progress  check 1: connection refused (1/3)
 * </pre>
 */
final class ProgressPrinter implements RolloutEventListener {

  private static final String INDENT = " ".repeat(29);

  private final PrintWriter out;
  private Instant start;

  ProgressPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void onEvent(long rolloutId, RolloutEventView event) {
    if (start == null) {
      start = event.at();
    }
    out.println(line(event));
    out.flush();
  }

  String line(RolloutEventView event) {
    Duration elapsed =
        start == null || event.at() == null ? Duration.ZERO : Duration.between(start, event.at());
    // event.took() is not shown: the engine's messages already say how long a step took
    String message = event.message() == null ? "" : event.message();
    return String.format(
        Locale.ROOT,
        "%7s  %-8s %-9s %s",
        "+" + String.format(Locale.ROOT, "%.1fs", Math.max(0, elapsed.toMillis()) / 1000.0),
        event.step(),
        Formats.lower(event.status()),
        message.replace("\n", "\n" + INDENT));
  }

  /** Prints how the rollout ended; returns 0 when it succeeded (promoted, restored), else 1. */
  static int printOutcome(RolloutView rollout, PrintWriter out) {
    return printOutcome(
        rollout, rollout.kind() == RolloutKind.ROLLBACK ? "rollback" : "deploy", out);
  }

  /**
   * Prints how the rollout ended, calling it {@code what}; returns 0 when it succeeded, 1
   * otherwise. A reason of several lines (a rollback's evidence: the failed condition, then each
   * metric's canary and stable values) is printed as an indented block under the outcome, one line
   * each.
   */
  static int printOutcome(RolloutView rollout, String what, PrintWriter out) {
    Duration took =
        rollout.startedAt() == null || rollout.finishedAt() == null
            ? null
            : Duration.between(rollout.startedAt(), rollout.finishedAt());
    if (rollout.outcome().succeeded()) {
      out.println(
          rollout.app()
              + ": "
              + what
              + " done in "
              + Formats.duration(took)
              + ", revision "
              + rollout.toRevision()
              + " serves all traffic (rollout "
              + rollout.id()
              + ")");
      out.flush();
      return ExitCodes.OK;
    }
    String reason = rollout.outcomeReason() == null ? "" : rollout.outcomeReason().strip();
    String headline =
        rollout.app()
            + ": "
            + what
            + " "
            + Formats.lower(rollout.outcome())
            + " after "
            + Formats.duration(took)
            + " (rollout "
            + rollout.id()
            + ")";
    if (reason.contains("\n")) {
      out.println(headline + ":");
      reason.lines().forEach(line -> out.println("  " + line));
    } else {
      out.println(headline + (reason.isEmpty() ? "" : ": " + reason));
    }
    out.flush();
    return ExitCodes.FAILED;
  }
}
