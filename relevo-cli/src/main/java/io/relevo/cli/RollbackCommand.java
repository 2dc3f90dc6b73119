package io.relevo.cli;

import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutRecord;
import io.relevo.server.RollbackBody;
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

  @Mixin ActorOption actor;
  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  RollbackCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RolloutListener listener =
        output.json() ? RolloutListener.none() : new ProgressPrinter(context.out());
    RolloutRecord rollout =
        connection
            .client(context)
            .rollback(
                app,
                new RollbackBody(to, actor.actor(context), reason, force, withRestore),
                listener);
    if (output.json()) {
      OutputOption.printJson(context, rollout);
      return rollout.outcome().succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    return ProgressPrinter.printOutcome(rollout, context.out());
  }
}
