package io.relevo.cli;

import io.relevo.core.engine.Severity;
import io.relevo.core.engine.SeverityPolicy;
import io.relevo.server.v1.RollbackBody;
import io.relevo.server.v1.RolloutEventListener;
import io.relevo.server.v1.RolloutKind;
import io.relevo.server.v1.RolloutView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relevo rollback APP [--to N]}: takes traffic back to an earlier revision. */
@Command(
    name = "rollback",
    description = {
      "Take an app back to an earlier revision: a switch when it is still warm, else a restart.",
      "Default: the last known good revision (the newest that served all traffic and was never"
          + " rolled back), one still running first. --to N goes to N, with a warning when N is"
          + " marked bad."
    })
final class RollbackCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Option(names = "--to", paramLabel = "N", description = "the revision to go back to")
  Integer to;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the history")
  String reason = "";

  @Option(
      names = "--with-restore",
      paramLabel = "BACKUP",
      description =
          "restore this backup (see relevo backups) before the code goes back; needed past a"
              + " point of no return (a destructive migration)")
  Long withRestore;

  @Option(
      names = "--force",
      description =
          "go back past a point of no return without restoring the database (needs --reason)")
  boolean force;

  @Option(
      names = "--severity",
      paramLabel = "SEV",
      description =
          "SEV1: roll back at once; SEV2: the same after a confirmation; SEV3, SEV4: record the"
              + " incident and fix forward (unless --now). Needs --reason; prints and records the"
              + " post-rollback checklist")
  Severity severity;

  @Option(names = "--now", description = "with SEV3 or SEV4: roll back (as SEV2) instead")
  boolean now;

  @Option(names = "--yes", description = "confirm a SEV2 (or --now) rollback without a prompt")
  boolean yes;

  @Mixin ActorOption actor;
  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  RollbackCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (severity != null && reason.isBlank()) {
      context
          .err()
          .println(
              "--severity needs a reason for the incident record (expected: --severity "
                  + severity
                  + " --reason \"what users see\")");
      context.err().flush();
      return ExitCodes.BAD_INPUT;
    }
    if (severity != null
        && SeverityPolicy.decide(severity, now) == SeverityPolicy.Action.CONFIRM_THEN_ROLL_BACK
        && !yes
        && !Confirmation.ask(
            context, severity + ": roll " + app + " back now (" + reason + ")? [y/N] ")) {
      context
          .err()
          .println(
              context.terminal()
                  ? "rollback of " + app + " not confirmed; nothing changed"
                  : severity
                      + " rollback of "
                      + app
                      + " needs a confirmation: run it on a terminal or add --yes");
      context.err().flush();
      return ExitCodes.BAD_INPUT;
    }
    RolloutEventListener listener =
        output.json() ? RolloutEventListener.none() : new ProgressPrinter(context.out());
    RolloutView rollout =
        connection
            .client(context)
            .rollback(
                app,
                new RollbackBody(
                    to,
                    actor.actor(context),
                    reason,
                    force,
                    withRestore,
                    severity == null ? null : severity.name(),
                    now),
                listener);
    if (output.json()) {
      OutputOption.printJson(context, rollout);
      return rollout.outcome().succeeded() || rollout.kind() == RolloutKind.INCIDENT
          ? ExitCodes.OK
          : ExitCodes.FAILED;
    }
    if (rollout.kind() == RolloutKind.INCIDENT) {
      context
          .out()
          .println(
              app
                  + ": "
                  + severity
                  + " incident recorded (rollout "
                  + rollout.id()
                  + "); "
                  + rollout.outcomeReason());
      context.out().flush();
      return ExitCodes.OK;
    }
    return ProgressPrinter.printOutcome(rollout, context.out());
  }
}
