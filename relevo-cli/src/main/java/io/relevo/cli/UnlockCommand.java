package io.relevo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relevo unlock APP --reason TEXT}: ends a rollout that is stuck holding the app's lock. */
@Command(
    name = "unlock",
    description = {
      "End whatever holds an app's rollout lock when it is stuck (a pause nobody promotes, a"
          + " command that never answers): it is aborted, traffic stays on or goes back to the"
          + " stable revision, and its history records who unlocked it and why.",
      "The lock lives in the agent's memory: an agent restart frees it too.",
      "Exits 2 when nothing holds the lock, 1 when the holder did not let go within 10s."
    })
final class UnlockCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "why the lock is stale, for the history")
  String reason;

  @Mixin ActorOption actor;
  @Mixin AgentConnection connection;
  @Mixin HelpOption help;

  UnlockCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String released = connection.client(context).unlock(app, actor.actor(context), reason);
    context.out().println(app + ": unlocked; it was held by " + released);
    context.out().flush();
    return ExitCodes.OK;
  }
}
