package io.relevo.cli;

import io.relevo.core.RelevoException;
import io.relevo.server.AgentClient;
import io.relevo.server.v1.RolloutEventView;
import io.relevo.server.v1.RolloutView;
import java.time.Duration;

/**
 * {@code relevo history APP --rollout N}: one rollout with who started it, why, how it ended, and
 * every event, the gates' results among them.
 */
final class RolloutDetail {

  /** How far back a rollout is looked for. */
  static final int SEARCHED = 10_000;

  private RolloutDetail() {}

  static int print(AgentClient client, String app, long id, boolean json, CliContext context) {
    RolloutView r =
        client.history(app, SEARCHED).stream()
            .filter(x -> x.id() == id)
            .findFirst()
            .orElseThrow(
                () ->
                    new RelevoException(
                        RelevoException.Kind.NOT_FOUND,
                        "no rollout "
                            + id
                            + " of "
                            + app
                            + " (expected: an ID that `relevo history "
                            + app
                            + "` lists)"));
    if (json) {
      OutputOption.printJson(context, r);
      return ExitCodes.OK;
    }
    var out = context.out();
    Duration took = r.finishedAt() == null ? null : Duration.between(r.startedAt(), r.finishedAt());
    out.println(
        "rollout "
            + r.id()
            + " of "
            + r.app()
            + ": "
            + Formats.lower(r.kind())
            + " to revision "
            + r.toRevision()
            + (r.fromRevision() == null ? "" : " from revision " + r.fromRevision())
            + " ("
            + r.strategy()
            + ")");
    out.println(
        "by "
            + r.actor()
            + " at "
            + Formats.time(r.startedAt())
            + (r.reason().isBlank() ? "" : ": " + r.reason()));
    out.println(
        "outcome: "
            + Formats.lower(r.outcome())
            + (took == null ? "" : " after " + Formats.duration(took)));
    ProgressPrinter printer = new ProgressPrinter(out);
    for (RolloutEventView event : r.events()) {
      printer.onEvent(r.id(), event);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
