package io.relevo.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.relevo.server.AgentClient;
import io.relevo.server.Json;
import io.relevo.server.v1.RolloutView;
import io.relevo.server.v1.VerdictView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relevo history APP}: the app's rollouts, newest first, each with the mark (good, bad or
 * unknown) that history gives the revision it went to. As JSON, the API's rollouts, each with one
 * more field, {@code toRevisionVerdict}.
 */
@Command(
    name = "history",
    description = {
      "Show an app's rollouts, newest first.",
      "MARK says what history makes of the revision a rollout went to: good (it served all traffic"
          + " and was never rolled back), bad (refused, rolled back or crashed) or unknown."
    })
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

  @Option(
      names = "--rollout",
      paramLabel = "N",
      description = "show one rollout with every event: its gates, steps and outcome")
  Long rollout;

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
    AgentClient client = connection.client(context);
    if (rollout != null) {
      return RolloutDetail.print(client, app, rollout, output.json(), context);
    }
    List<RolloutView> rollouts = client.history(app, limit);
    Map<Integer, VerdictView> verdicts =
        client.revisions(app).stream()
            .collect(Collectors.toMap(VerdictView::revision, Function.identity()));
    if (output.json()) {
      OutputOption.printJson(context, withVerdicts(rollouts, verdicts));
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
            "MARK",
            "STRATEGY",
            "OUTCOME",
            "ACTOR",
            "STARTED",
            "TOOK",
            "REASON");
    for (RolloutView r : rollouts) {
      Duration took =
          r.finishedAt() == null ? null : Duration.between(r.startedAt(), r.finishedAt());
      String why =
          r.outcomeReason() == null || r.outcomeReason().isBlank() ? r.reason() : r.outcomeReason();
      VerdictView verdict = verdicts.get(r.toRevision());
      table.row(
          r.id(),
          Formats.lower(r.kind()),
          r.fromRevision(),
          r.toRevision(),
          verdict == null ? null : Formats.lower(verdict.mark()),
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

  /** The rollouts as the API sends them, each with the verdict on the revision it went to. */
  private static ArrayNode withVerdicts(
      List<RolloutView> rollouts, Map<Integer, VerdictView> verdicts) {
    ArrayNode rows = Json.mapper().createArrayNode();
    for (RolloutView r : rollouts) {
      ObjectNode row = Json.mapper().valueToTree(r);
      row.set("toRevisionVerdict", Json.mapper().valueToTree(verdicts.get(r.toRevision())));
      rows.add(row);
    }
    return rows;
  }
}
