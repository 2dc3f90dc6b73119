package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;

/**
 * A SEV3 or SEV4 incident recorded without a rollback: history gets an incident with its severity,
 * reason and what to do (fix forward), and traffic stays where it is.
 */
final class FixForwardIncident {

  private final EngineParts parts;

  FixForwardIncident(EngineParts parts) {
    this.parts = parts;
  }

  RolloutRecord record(
      LiveApp app, Revision stable, RollbackRequest request, RolloutListener listener) {
    if (stable == null) {
      throw new RelevoException(
          Kind.BAD_INPUT,
          "no revision serves "
              + app.name
              + ", so there is nothing to fix forward; roll back with --now or deploy");
    }
    long id =
        parts
            .store()
            .startRollout(
                new RolloutRecord(
                    0,
                    app.name,
                    RolloutRecord.Kind.INCIDENT,
                    stable.number(),
                    stable.number(),
                    "fix-forward",
                    request.actor(),
                    request.reason(),
                    parts.clock().instant(),
                    null,
                    Outcome.RUNNING,
                    null,
                    null));
    RolloutLog log = new RolloutLog(id, parts, listener);
    log.event(
        "severity",
        Status.INFO,
        SeverityPolicy.target(request.severity())
            + "; revision "
            + stable.label()
            + " keeps serving: "
            + request.reason());
    String advice = SeverityPolicy.fixForward(request.severity(), app.name);
    log.event("advice", Status.INFO, advice);
    return log.finish(Outcome.RECORDED, advice);
  }
}
