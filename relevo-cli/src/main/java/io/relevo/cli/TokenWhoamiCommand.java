package io.relevo.cli;

import io.relevo.server.v1.WhoAmI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code relevo token whoami}: the name and role of the token this command line sends. */
@Command(name = "whoami", description = "Say whose token this command line sends, and its role.")
final class TokenWhoamiCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin AgentConnection connection;
  @Mixin HelpOption help;

  TokenWhoamiCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    WhoAmI me = connection.client(context).tokens().whoami();
    context.out().println(me.name() + " (" + me.role() + ")");
    context.out().flush();
    return ExitCodes.OK;
  }
}
