package io.relevo.cli;

import io.relevo.server.v1.RestoreBody;
import io.relevo.server.v1.RolloutEventListener;
import io.relevo.server.v1.RolloutView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relevo restore APP --backup ID --yes --reason TEXT}: a restore for real. */
@Command(
    name = "restore",
    description = {
      "Restore a backup into the app's database for real: the current state is backed up first,"
          + " and traffic through the front door stops while it runs.",
      "Needs --yes and --reason."
    })
final class RestoreCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Option(names = "--backup", required = true, paramLabel = "ID", description = "the backup")
  long backup;

  @Option(names = "--yes", description = "yes, replace the database's current data")
  boolean yes;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the history")
  String reason = "";

  @Mixin ActorOption actor;
  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  RestoreCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RolloutEventListener listener =
        output.json() ? RolloutEventListener.none() : new ProgressPrinter(context.out());
    RolloutView rollout =
        connection
            .client(context)
            .restore(app, new RestoreBody(backup, actor.actor(context), reason, yes), listener);
    if (output.json()) {
      OutputOption.printJson(context, rollout);
      return rollout.outcome().succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    return ProgressPrinter.printOutcome(rollout, "restore", context.out());
  }
}
