package io.relevo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code relevo stop APP}: stops every revision of an app and closes its front door. */
@Command(
    name = "stop",
    description = "Stop every revision of an app and close its front door; history is kept.")
final class StopCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Mixin ActorOption actor;
  @Mixin AgentConnection connection;
  @Mixin HelpOption help;

  StopCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    connection.client(context).stop(app, actor.actor(context));
    context.out().println(app + ": stopped; its history is kept, `relevo deploy` starts it again");
    context.out().flush();
    return ExitCodes.OK;
  }
}
