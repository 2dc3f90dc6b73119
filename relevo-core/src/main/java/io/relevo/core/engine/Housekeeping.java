package io.relevo.core.engine;

import io.relevo.core.analysis.AnalysisState;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.AppState;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What the agent does for an app every second while no rollout holds it: record revisions that
 * exited on their own, stop warm revisions whose keep time is over, and poll the watch after
 * promotion.
 */
final class Housekeeping {

  private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

  private final Stages stages;

  Housekeeping(Stages stages) {
    this.stages = stages;
  }

  /**
   * Sweeps the app; returns the watch's failure when the promoted revision misbehaves (the caller
   * rolls back, outside the app's lock).
   */
  Optional<String> run(LiveApp app) {
    sweep(app);
    checkLiveness(app);
    sampleHistory(app);
    PromotionWatch watch = app.watch;
    if (watch == null) {
      return Optional.empty();
    }
    AnalysisState state = watch.poll(stages.parts().clock().instant());
    if (state == AnalysisState.RUNNING) {
      return Optional.empty();
    }
    app.watch = null;
    stages.parts().store().clearWatch(app.name);
    boolean failed = state == AnalysisState.FAILED || state == AnalysisState.ERROR;
    new RolloutLog(watch.rolloutId, stages.parts(), RolloutListener.none(), app.config)
        .event(
            "watch",
            failed ? Status.FAILED : state == AnalysisState.PASSED ? Status.OK : Status.INFO,
            watch.verdict()
                + (failed ? "; rolling back to revision " + watch.previous.label() : ""));
    if (state == AnalysisState.PASSED) {
      new ContractStage(stages.parts()).run(app, watch.rolloutId, watch.promoted);
    }
    return failed ? Optional.of(watch.verdict()) : Optional.empty();
  }

  /** Keeps the serving revision's recent past, which analyses weigh against a canary. */
  private void sampleHistory(LiveApp app) {
    EngineParts parts = stages.parts();
    parts
        .store()
        .appState(app.name)
        .map(AppState::stableRevision)
        .ifPresent(
            serving ->
                app.history.sample(app.name, serving, parts.metrics(), parts.clock().instant()));
  }

  private void checkLiveness(LiveApp app) {
    var liveness = app.config.health().liveness();
    if (liveness == null) {
      return;
    }
    EngineParts parts = stages.parts();
    parts
        .store()
        .appState(app.name)
        .map(state -> state.stableRevision())
        .flatMap(
            number -> number == null ? Optional.empty() : parts.store().revision(app.name, number))
        .filter(revision -> revision.state() == Revision.State.SERVING)
        .ifPresent(
            serving -> {
              Instance instance = app.instances.get(serving.number());
              if (instance != null && instance.isAlive()) {
                if (app.liveness == null) {
                  app.liveness = new LivenessMonitor(parts.health());
                }
                app.liveness.check(app.name, serving, instance, liveness, parts.clock().instant());
              }
            });
  }

  private void sweep(LiveApp app) {
    EngineParts parts = stages.parts();
    var now = parts.clock().instant();
    for (Revision revision : parts.store().revisions(app.name)) {
      Instance instance = app.instances.get(revision.number());
      if (instance != null
          && !instance.isAlive()
          && (revision.state() == Revision.State.SERVING
              || revision.state() == Revision.State.WARM)) {
        app.instances.remove(revision.number());
        Integer code = instance.exitCode().orElse(null);
        parts.store().saveRevision(revision.withState(Revision.State.CRASHED).withExitCode(code));
        LOG.warning(
            app.name
                + ": revision "
                + revision.label()
                + " exited on its own"
                + (code == null ? "" : " with code " + code)
                + "; see `relevo logs "
                + app.name
                + " --revision "
                + revision.number()
                + "`");
      } else if (revision.state() == Revision.State.WARM
          && revision.keepUntil() != null
          && !now.isBefore(revision.keepUntil())) {
        stages.retirement().retire(app, revision, Revision.State.STOPPED, null);
      }
    }
  }
}
