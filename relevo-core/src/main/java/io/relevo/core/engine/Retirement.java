package io.relevo.core.engine;

import io.relevo.core.Plural;
import io.relevo.core.config.Durations;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;

/**
 * Takes a revision out of service for good: drain its in-flight requests, then stop it. Only ever
 * called for a revision that no longer has a share of the split.
 */
final class Retirement {

  private final EngineParts parts;

  Retirement(EngineParts parts) {
    this.parts = parts;
  }

  /** Drains, stops and records the revision as {@code finalState}. {@code log} may be null. */
  void retire(LiveApp app, Revision revision, Revision.State finalState, RolloutLog log) {
    Instance instance = app.instances.remove(revision.number());
    if (instance != null) {
      DrainResult drained =
          parts.router().drain(app.name, revision.number(), app.config.proxy().drainTimeout());
      if (log != null) {
        log.event(
            "drain",
            drained.cutOff() == 0 ? Status.OK : Status.FAILED,
            "revision "
                + revision.label()
                + " drained in "
                + Durations.format(drained.took())
                + ": "
                + Plural.count(drained.finished(), "in-flight request")
                + " finished, "
                + drained.cutOff()
                + " cut off with 504",
            drained.took());
      }
      parts.runtime().stop(instance, app.config.runtime().stopGrace());
      if (log != null) {
        log.event("stop", Status.OK, "revision " + revision.label() + " stopped");
      }
    }
    Revision latest = parts.store().revision(revision.app(), revision.number()).orElse(revision);
    parts
        .store()
        .saveRevision(
            latest
                .withState(finalState)
                .withKeepUntil(null)
                .withInstance(null)
                .withExitCode(
                    instance == null ? latest.exitCode() : instance.exitCode().orElse(null)));
  }

  /** Stops a revision that never took traffic; no drain needed. */
  void discard(LiveApp app, Revision revision, Revision.State finalState) {
    Instance instance = app.instances.remove(revision.number());
    Integer exit = null;
    if (instance != null) {
      parts.runtime().stop(instance, app.config.runtime().stopGrace());
      exit = instance.exitCode().orElse(null);
    }
    Revision latest = parts.store().revision(revision.app(), revision.number()).orElse(revision);
    parts.store().saveRevision(latest.withState(finalState).withInstance(null).withExitCode(exit));
  }
}
