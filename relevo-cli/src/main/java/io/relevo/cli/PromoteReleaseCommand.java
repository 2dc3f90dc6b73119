package io.relevo.cli;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.server.AgentClient;
import io.relevo.server.v1.DeployBody;
import io.relevo.server.v1.RevisionConfigView;
import io.relevo.server.v1.RolloutEventListener;
import io.relevo.server.v1.RolloutView;
import io.relevo.server.v1.VerdictMark;
import io.relevo.server.v1.VerdictView;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relevo promote-release APP --from staging --to production}: deploys to the {@code --to}
 * environment's app exactly what the newest revision of the {@code --from} environment's app ran
 * (its version and its stored config text, re-pointed at {@code --to}), and only when history marks
 * that revision good.
 */
@Command(
    name = "promote-release",
    description = {
      "Deploy to one environment exactly the release the newest revision of another ran, if it"
          + " passed there and has not failed since.",
      "Exits 0 when it serves all traffic, 1 when refused (the revision did not pass) or when the"
          + " deploy failed, 2 for bad input, 3 when the agent cannot be reached."
    })
final class PromoteReleaseCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(
      index = "0",
      paramLabel = "APP",
      description = "the app, as named by app: in the config")
  String app;

  @Option(names = "--from", required = true, paramLabel = "ENV", description = "where it passed")
  String from;

  @Option(names = "--to", required = true, paramLabel = "ENV", description = "where it goes")
  String to;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the history")
  String reason = "";

  @Mixin ConfigFileOption config;
  @Mixin ActorOption actor;
  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  PromoteReleaseCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String text = config.text();
    AppConfig base = config.parse(text, context);
    if (!base.app().equals(app)) {
      throw new RelevoException(
          Kind.BAD_INPUT,
          "app: \"" + base.app() + "\" in " + config.file + " (expected: \"" + app + "\")");
    }
    String fromApp = config.parse(ConfigLoader.withEnvironment(text, from), context).app();
    String toApp = config.parse(ConfigLoader.withEnvironment(text, to), context).app();
    AgentClient client = connection.client(context);
    VerdictView newest = newestOf(client.revisions(fromApp), fromApp);
    RevisionConfigView passed = client.revision(fromApp, newest.revision());
    String promoted = ConfigLoader.withEnvironment(passed.configText(), to);
    AppConfig ran = config.parse(passed.configText(), context);
    AppConfig goes = config.parse(promoted, context);
    if (!ran.runtime().command().equals(goes.runtime().command())
        || !Objects.equals(ran.runtime().docker(), goes.runtime().docker())) {
      throw new RelevoException(
          Kind.BAD_INPUT,
          "environments."
              + to
              + " changes runtime.command or the image (expected: the same as "
              + from
              + ", so that what passed there is what ships; override only listen, env, gates)");
    }
    String what =
        fromApp
            + " revision "
            + passed.revision()
            + " ("
            + passed.version()
            + ", config sha256 "
            + passed.configHash().substring(0, Math.min(12, passed.configHash().length()))
            + ")";
    if (!output.json()) {
      context.out().println("promoting " + what + " to " + toApp);
    }
    DeployBody body =
        new DeployBody(
            passed.configFile(),
            promoted,
            passed.version(),
            actor.actor(context),
            ("promote-release of " + what + " " + reason).strip(),
            false,
            null,
            false);
    RolloutEventListener listener =
        output.json() ? RolloutEventListener.none() : new ProgressPrinter(context.out());
    RolloutView rollout = client.deploy(toApp, body, listener);
    if (output.json()) {
      OutputOption.printJson(context, rollout);
      return rollout.outcome().succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    return ProgressPrinter.printOutcome(rollout, context.out());
  }

  /** The newest revision, if history marks it good; refused (exit 1) otherwise. */
  private VerdictView newestOf(List<VerdictView> revisions, String fromApp) {
    if (revisions.isEmpty()) {
      throw new RelevoException(
          Kind.FAILED,
          fromApp + " has no revision to promote (expected: deploy it to " + from + ")");
    }
    VerdictView newest = revisions.get(0);
    if (newest.mark() != VerdictMark.GOOD) {
      throw new RelevoException(
          Kind.FAILED,
          "revision "
              + newest.revision()
              + " ("
              + newest.version()
              + ") of "
              + fromApp
              + (newest.mark() == VerdictMark.BAD
                  ? " did not pass " + from + " or failed since"
                  : " has not passed " + from + " yet")
              + (newest.why().isEmpty() ? "" : ": " + newest.why())
              + "; nothing was deployed to "
              + to);
    }
    return newest;
  }
}
