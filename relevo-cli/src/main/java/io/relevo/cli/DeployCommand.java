package io.relevo.cli;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.server.AgentClient;
import io.relevo.server.v1.DeployBody;
import io.relevo.server.v1.RolloutEventListener;
import io.relevo.server.v1.RolloutView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relevo deploy APP --version V}: validates the config here, hands it to the agent and shows
 * the rollout until it ends.
 */
@Command(
    name = "deploy",
    description = {
      "Ship a version of an app and follow the rollout until it ends.",
      "Exits 0 when the new revision serves all traffic, 1 when it was refused (by a gate too) or"
          + " rolled back, 2 for bad input, 3 when the agent cannot be reached."
    })
final class DeployCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP", description = "the app, as named in the config")
  String app;

  @Option(
      names = "--version",
      required = true,
      paramLabel = "V",
      description = "the version label; replaces {version} in the config")
  String version;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the history")
  String reason = "";

  @Option(
      names = "--force",
      description =
          "deploy although the previous release is still in its watch after promotion"
              + " (ends the watch; needs --reason, which history keeps)")
  boolean force;

  @Option(
      names = "--override-window",
      description =
          "deploy although gates.window is closed (needs --reason; history keeps who and why)")
  boolean overrideWindow;

  @Option(
      names = "--allow-destructive",
      description =
          "apply the migration although its lint found destructive statements (needs --reason,"
              + " which history keeps)")
  boolean allowDestructive;

  @Mixin ConfigFileOption config;
  @Mixin ActorOption actor;
  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  DeployCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String text = config.text();
    AppConfig parsed = config.parse(text, context);
    if (!parsed.app().equals(app)) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "app: \""
              + parsed.app()
              + "\" in "
              + config.file
              + " (expected: \""
              + app
              + "\", the app named on the command line)");
    }
    AgentClient client = connection.client(context);
    DeployBody body =
        new DeployBody(
            config.file.toAbsolutePath().toString(),
            text,
            version,
            actor.actor(context),
            reason,
            force,
            overrideWindow ? java.util.List.of("window") : null,
            allowDestructive);
    RolloutEventListener listener =
        output.json() ? RolloutEventListener.none() : new ProgressPrinter(context.out());
    RolloutView rollout = client.deploy(app, body, listener);
    if (output.json()) {
      OutputOption.printJson(context, rollout);
      return rollout.outcome().succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    return ProgressPrinter.printOutcome(rollout, context.out());
  }
}
