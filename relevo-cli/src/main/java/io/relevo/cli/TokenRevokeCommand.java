package io.relevo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code relevo token revoke NAME}: the token stops working at once. */
@Command(name = "revoke", description = "Revoke a named token: the next request with it gets 401.")
final class TokenRevokeCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin AgentConnection connection;
  @Mixin HelpOption help;

  TokenRevokeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    connection.client(context).tokens().revoke(name);
    context.out().println("token " + name + " revoked");
    context.out().flush();
    return ExitCodes.OK;
  }
}
