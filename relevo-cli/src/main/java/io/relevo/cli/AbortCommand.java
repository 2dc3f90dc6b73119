package io.relevo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relevo abort APP [--reason TEXT]}: takes traffic back to stable now. */
@Command(
    name = "abort",
    description = {
      "Stop an app's rollout now: all traffic back to the stable revision, the new one drained and"
          + " stopped, the rollout recorded as rolled back.",
      "Exits 2 when no rollout of the app is under way."
    })
final class AbortCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the history")
  String reason = "";

  @Mixin ActorOption actor;
  @Mixin AgentConnection connection;
  @Mixin HelpOption help;

  AbortCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    connection.client(context).abort(app, actor.actor(context), reason);
    context
        .out()
        .println(
            app
                + ": rollout aborted, all traffic is back on the stable revision"
                + " (see `relevo history "
                + app
                + "`; ship again with `relevo retry "
                + app
                + "`)");
    context.out().flush();
    return ExitCodes.OK;
  }
}
