package io.relevo.cli;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.server.v1.DeployBody;
import io.relevo.server.v1.GateReportView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relevo check APP}: asks the agent to judge every gate of a deploy now (secrets as the
 * revision would see them, the window at the agent's time) without deploying anything.
 */
@Command(
    name = "check",
    description = {
      "Run every gate of a deploy (secrets, window) now, without deploying.",
      "Exits 0 when every gate passes, 1 when one fails, 2 for bad input, 3 without an agent."
    })
final class CheckCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP", description = "the app, as named in the config")
  String app;

  @Option(
      names = "--version",
      paramLabel = "V",
      defaultValue = "check",
      description = "the version label the deploy would have (default: ${DEFAULT-VALUE})")
  String version = "check";

  @Mixin ConfigFileOption config;
  @Mixin ActorOption actor;
  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  CheckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String text = config.text();
    AppConfig parsed = config.parse(text, context);
    if (!parsed.app().equals(app)) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "app: \"" + parsed.app() + "\" in " + config.file + " (expected: \"" + app + "\")");
    }
    GateReportView report =
        connection
            .client(context)
            .check(
                app,
                new DeployBody(
                    config.file.toAbsolutePath().toString(),
                    text,
                    version,
                    actor.actor(context),
                    ""));
    int exit = report.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    if (output.json()) {
      OutputOption.printJson(context, report);
      return exit;
    }
    if (report.results().isEmpty()) {
      context.out().println(app + ": no gates configured (see docs/GATES.md)");
    }
    for (GateReportView.Result result : report.results()) {
      context.out().println(result.line());
      result.problems().forEach(p -> context.out().println("  " + p));
    }
    context
        .out()
        .println(
            app + ": " + (report.passed() ? "every gate passes" : "a deploy now would be refused"));
    context.out().flush();
    return exit;
  }
}
