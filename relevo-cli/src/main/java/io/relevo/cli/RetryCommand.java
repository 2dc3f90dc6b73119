package io.relevo.cli;

import io.relevo.server.v1.RolloutEventListener;
import io.relevo.server.v1.RolloutView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code relevo retry APP}: runs the last failed or rolled-back deploy again. */
@Command(
    name = "retry",
    description = {
      "Run an app's last failed or rolled-back deploy again (same version and config, a new"
          + " revision) and follow it until it ends.",
      "Exits 0 when the new revision serves all traffic, 1 when it was refused or rolled back."
    })
final class RetryCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Mixin ActorOption actor;
  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  RetryCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RolloutEventListener listener =
        output.json() ? RolloutEventListener.none() : new ProgressPrinter(context.out());
    RolloutView rollout = connection.client(context).retry(app, actor.actor(context), listener);
    if (output.json()) {
      OutputOption.printJson(context, rollout);
      return rollout.outcome().succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    return ProgressPrinter.printOutcome(rollout, "retry", context.out());
  }
}
