package io.relevo.core.engine;

import io.relevo.core.gates.GateInput;
import io.relevo.core.gates.GateReport;
import io.relevo.core.gates.GateResult;
import io.relevo.core.gates.Gates;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.nio.file.Path;

/**
 * Runs a deploy's gates before anything starts and writes every result into the rollout's history.
 * A refused deploy is still a rollout in history (outcome failed, its revision never started), so
 * that {@code relevo history} shows who tried, when, and which gate said no.
 */
final class GateStage {

  private final EngineParts parts;

  GateStage(EngineParts parts) {
    this.parts = parts;
  }

  /** Every gate's result for {@code request}, judged now; nothing is recorded. */
  GateReport judge(DeployRequest request) {
    GateInput input =
        new GateInput(
            request.config(),
            request.version(),
            request.actor(),
            request.reason(),
            request.overrides(),
            parts.env(),
            parts.clock().instant());
    return Gates.run(Gates.of(request.config().gates()), input);
  }

  /** Records each result as a {@code gate} event of the rollout. */
  static void record(GateReport report, RolloutLog log) {
    for (GateResult result : report.results()) {
      Status status =
          switch (result.status()) {
            case PASSED -> Status.OK;
            case FAILED -> Status.FAILED;
            case OVERRIDDEN -> Status.WARNING;
          };
      String problems = String.join("; ", result.problems());
      log.event("gate", status, result.line() + (problems.isEmpty() ? "" : ": " + problems));
    }
  }

  /**
   * Records a deploy that its gates refused: a revision that never started, a rollout with every
   * gate's result, ended failed. Stable, the split and the app's config are untouched.
   */
  RolloutRecord refuse(
      String app,
      Revision stable,
      DeployRequest request,
      String strategy,
      GateReport report,
      RolloutListener listener) {
    var config = request.config();
    Revision candidate =
        new Revision(
            app,
            parts.store().nextRevisionNumber(app),
            request.version(),
            ConfigHash.of(config.source().text()),
            config.source().text(),
            request.baseDir().resolve(Path.of(config.source().fileName()).getFileName()).toString(),
            Revision.State.FAILED,
            null,
            parts.clock().instant(),
            null,
            null);
    parts.store().saveRevision(candidate);
    long rolloutId =
        parts
            .store()
            .startRollout(
                new RolloutRecord(
                    0,
                    app,
                    RolloutRecord.Kind.DEPLOY,
                    stable == null ? null : stable.number(),
                    candidate.number(),
                    strategy,
                    request.actor(),
                    request.reason(),
                    parts.clock().instant(),
                    null,
                    Outcome.RUNNING,
                    null,
                    null));
    RolloutLog log = new RolloutLog(rolloutId, parts, listener, config);
    log.event(
        "rollout",
        Status.STARTED,
        "deploying " + request.version() + " to " + app + " as revision " + candidate.number());
    record(report, log);
    String where =
        stable == null
            ? "nothing was started"
            : "nothing was started; traffic stays on revision " + stable.label();
    return log.finish(Outcome.FAILED, "refused by gates:\n" + report.refusal() + "\n" + where);
  }
}
