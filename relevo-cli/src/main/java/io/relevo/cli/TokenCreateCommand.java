package io.relevo.cli;

import io.relevo.server.v1.TokenCreateBody;
import io.relevo.server.v1.TokenCreated;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relevo token create NAME --role ROLE [--expires 30d]}: prints the new token once. */
@Command(
    name = "create",
    description = {
      "Create a named token and print it; the agent keeps only its hash and never shows it again.",
      "History records NAME as the actor of everything done with it."
    })
final class TokenCreateCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "NAME", description = "1 to 40 of a-z, 0-9 and -")
  String name;

  @Option(
      names = "--role",
      required = true,
      paramLabel = "ROLE",
      description = "viewer, deployer, approver or admin")
  String role;

  @Option(
      names = "--expires",
      paramLabel = "DURATION",
      description = "how long it works, like 30d, 12h or 90m (default: until revoked)")
  String expires;

  @Mixin AgentConnection connection;
  @Mixin HelpOption help;

  TokenCreateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    TokenCreated created =
        connection.client(context).tokens().create(new TokenCreateBody(name, role, expires));
    context.out().println(created.token());
    context.out().flush();
    context
        .err()
        .println(
            "token "
                + created.name()
                + " ("
                + created.role()
                + (created.expiresAt() == null ? ", no expiry" : ", expires " + created.expiresAt())
                + "): shown once; keep it in a secret store and send it as RELEVO_TOKEN");
    context.err().flush();
    return ExitCodes.OK;
  }
}
