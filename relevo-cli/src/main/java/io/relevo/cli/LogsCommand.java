package io.relevo.cli;

import io.relevo.core.RelevoException;
import io.relevo.server.AgentClient;
import io.relevo.server.v1.AppView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relevo logs APP}: a revision's output; the stable revision's by default. */
@Command(name = "logs", description = "Show a revision's output (stdout and stderr).")
final class LogsCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Option(
      names = {"-r", "--revision"},
      paramLabel = "N",
      description = "the revision (default: the stable one)")
  Integer revision;

  @Option(
      names = {"-n", "--tail"},
      paramLabel = "LINES",
      defaultValue = "100",
      description = "how many of the last lines (default: ${DEFAULT-VALUE})")
  int tail = 100;

  @Option(
      names = {"-f", "--follow"},
      description = "keep printing new lines until Ctrl-C")
  boolean follow;

  @Mixin AgentConnection connection;
  @Mixin HelpOption help;

  LogsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    AgentClient client = connection.client(context);
    int number = revision != null ? revision : stableOf(client.app(app));
    client.logs(
        app,
        number,
        tail,
        follow,
        line -> {
          context.out().println(line);
          context.out().flush();
        });
    return ExitCodes.OK;
  }

  private int stableOf(AppView status) {
    if (status.stable() == null) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          app
              + " has no stable revision; name one with --revision (see `relevo history "
              + app
              + "`)");
    }
    return status.stable().number();
  }
}
