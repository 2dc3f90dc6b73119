package io.relevo.cli;

import io.relevo.server.v1.RolloutEventView;
import io.relevo.server.v1.RolloutView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relevo incident APP}: the timeline of an app's recent rollouts, rollbacks and restores,
 * event by event in time order, for a postmortem.
 */
@Command(
    name = "incident",
    description = {
      "Show the timeline of an app's recent deploys, rollbacks and restores, event by event, for"
          + " a postmortem."
    })
final class IncidentCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Option(
      names = "--since",
      paramLabel = "DURATION",
      defaultValue = "24h",
      converter = DurationConverter.class,
      description = "how far back (default: ${DEFAULT-VALUE})")
  Duration since = Duration.ofHours(24);

  @Mixin AgentConnection connection;
  @Mixin HelpOption help;

  IncidentCommand(CliContext context) {
    this.context = context;
  }

  /** One line of the timeline. */
  private record Line(Instant at, String text) {}

  @Override
  public Integer call() {
    Instant from = Instant.now().minus(since);
    List<RolloutView> rollouts =
        connection.client(context).history(app, 200).stream()
            .filter(r -> !r.startedAt().isBefore(from))
            .toList();
    if (rollouts.isEmpty()) {
      context
          .out()
          .println(
              app
                  + ": nothing happened in the last "
                  + since.toString().substring(2).toLowerCase(Locale.ROOT));
      context.out().flush();
      return ExitCodes.OK;
    }
    List<Line> lines = new ArrayList<>();
    for (RolloutView r : rollouts) {
      String what =
          Formats.lower(r.kind())
              + " "
              + r.id()
              + " by "
              + r.actor()
              + (r.reason().isBlank() ? "" : " (" + Formats.firstLine(r.reason()) + ")");
      for (RolloutEventView e : r.events()) {
        lines.add(
            new Line(
                e.at(),
                Formats.time(e.at())
                    + "  "
                    + what
                    + "  "
                    + e.step()
                    + " "
                    + Formats.lower(e.status())
                    + ": "
                    + Formats.firstLine(e.message())));
      }
      if (r.events().isEmpty()) {
        lines.add(new Line(r.startedAt(), Formats.time(r.startedAt()) + "  " + what + "  started"));
      }
      if (r.finishedAt() != null) {
        lines.add(
            new Line(
                r.finishedAt(),
                Formats.time(r.finishedAt())
                    + "  "
                    + what
                    + "  ended "
                    + Formats.lower(r.outcome())
                    + (r.outcomeReason() == null
                        ? ""
                        : ": " + Formats.firstLine(r.outcomeReason()))));
      }
    }
    lines.sort(Comparator.comparing(Line::at));
    context.out().println(app + ": " + rollouts.size() + " rollouts since " + Formats.time(from));
    printSeverities(rollouts);
    lines.forEach(l -> context.out().println(l.text()));
    context.out().flush();
    return ExitCodes.OK;
  }

  /** Each rollback by severity (or incident recorded) with its severity and its checklist. */
  private void printSeverities(List<RolloutView> rollouts) {
    for (RolloutView r : rollouts) {
      List<RolloutEventView> severity =
          r.events().stream().filter(e -> e.step().equals("severity")).toList();
      if (severity.isEmpty()) {
        continue;
      }
      context
          .out()
          .println(
              Formats.lower(r.kind())
                  + " "
                  + r.id()
                  + ": "
                  + Formats.firstLine(severity.get(0).message()));
      r.events().stream()
          .filter(e -> e.step().equals("checklist"))
          .forEach(
              e ->
                  context
                      .out()
                      .println(
                          "  " + Formats.lower(e.status()) + " " + Formats.firstLine(e.message())));
    }
  }
}
