package io.relevo.cli;

import io.relevo.core.store.RolloutRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relevo history APP}: the app's rollouts, newest first. */
@Command(name = "history", description = "Show an app's rollouts, newest first.")
final class HistoryCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      defaultValue = "20",
      description = "how many rollouts (default: ${DEFAULT-VALUE})")
  int limit = 20;

  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  HistoryCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new io.relevo.core.RelevoException(
          io.relevo.core.RelevoException.Kind.BAD_INPUT,
          "--limit: " + limit + " (expected: 1 or more)");
    }
    List<RolloutRecord> rollouts = connection.client(context).history(app, limit);
    if (output.json()) {
      OutputOption.printJson(context, rollouts);
      return ExitCodes.OK;
    }
    if (rollouts.isEmpty()) {
      context.out().println(app + ": no rollouts yet");
      context.out().flush();
      return ExitCodes.OK;
    }
    Table table =
        new Table(
            "ID",
            "KIND",
            "FROM",
            "TO",
            "STRATEGY",
            "OUTCOME",
            "ACTOR",
            "STARTED",
            "TOOK",
            "REASON");
    for (RolloutRecord r : rollouts) {
      Duration took =
          r.finishedAt() == null ? null : Duration.between(r.startedAt(), r.finishedAt());
      String why =
          r.outcomeReason() == null || r.outcomeReason().isBlank() ? r.reason() : r.outcomeReason();
      table.row(
          r.id(),
          Formats.lower(r.kind()),
          r.fromRevision(),
          r.toRevision(),
          r.strategy(),
          Formats.lower(r.outcome()),
          r.actor(),
          Formats.time(r.startedAt()),
          Formats.duration(took),
          Formats.firstLine(why));
    }
    table.print(context.out());
    return ExitCodes.OK;
  }
}
