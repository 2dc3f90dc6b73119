package io.relevo.cli;

import io.relevo.server.v1.TokenView;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code relevo token list}: the named tokens, never their secrets. */
@Command(name = "list", description = "List the named tokens: role, creator, dates; no secrets.")
final class TokenListCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  TokenListCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    List<TokenView> tokens = connection.client(context).tokens().list();
    if (output.json()) {
      OutputOption.printJson(context, tokens);
      return ExitCodes.OK;
    }
    if (tokens.isEmpty()) {
      context.out().println("no named tokens; create one with `relevo token create NAME --role R`");
      context.out().flush();
      return ExitCodes.OK;
    }
    Table table = new Table("NAME", "ROLE", "CREATED", "BY", "EXPIRES", "LAST USED");
    for (TokenView token : tokens) {
      table.row(
          token.name(),
          token.role(),
          when(token.createdAt()),
          token.createdBy(),
          token.expired()
              ? "expired"
              : token.expiresAt() == null ? "never" : when(token.expiresAt()),
          token.lastUsedAt() == null ? "never" : when(token.lastUsedAt()));
    }
    table.print(context.out());
    context.out().flush();
    return ExitCodes.OK;
  }

  private static String when(Instant at) {
    return Formats.time(at);
  }
}
