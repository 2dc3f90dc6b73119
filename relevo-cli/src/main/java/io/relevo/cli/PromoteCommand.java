package io.relevo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relevo promote APP [--full]}: lets a paused rollout go on. */
@Command(
    name = "promote",
    description = {
      "Let an app's paused rollout go on to its next step, or with --full straight to 100%%.",
      "Exits 2 when no rollout of the app is under way."
    })
final class PromoteCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Option(names = "--full", description = "skip every remaining step, analysis included, to 100%%")
  boolean full;

  @Mixin ActorOption actor;
  @Mixin AgentConnection connection;
  @Mixin HelpOption help;

  PromoteCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    connection.client(context).promote(app, full, actor.actor(context));
    context
        .out()
        .println(
            app
                + ": "
                + (full
                    ? "promoting straight to 100%, remaining steps skipped"
                    : "promoted past the pause; the rollout goes on")
                + " (follow it with `relevo status "
                + app
                + " --watch`)");
    context.out().flush();
    return ExitCodes.OK;
  }
}
