package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.HooksConfig.Point;
import io.relevo.core.history.RevisionVerdict;
import io.relevo.core.history.RevisionVerdict.Mark;
import io.relevo.core.history.RevisionVerdicts;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One rollback: to the requested revision (with a warning when history marks it bad), or to the
 * last known good one, warm first. A switch when the target revision is still warm, otherwise a
 * restart of it with the readiness and smoke checks of a deploy first. The revision it leaves is
 * drained and stopped, and the deploy that brought it is marked rolled back. The caller holds the
 * app's rollout lock.
 */
final class Reversal {

  /** How long the checklist watches the error rate after the switch. */
  static final Duration CHECKLIST_WINDOW = Duration.ofSeconds(5);

  private final Stages stages;

  Reversal(Stages stages) {
    this.stages = stages;
  }

  RolloutRecord run(
      LiveApp app, Revision stable, RollbackRequest request, RolloutListener listener) {
    EngineParts parts = stages.parts();
    app.watch = null;
    parts.store().clearWatch(app.name);
    RevisionVerdicts verdicts = RevisionVerdicts.read(parts.store(), app.name);
    Revision target = target(app, stable, request.toRevision(), verdicts);
    PointOfNoReturn noReturn = new PointOfNoReturn(parts);
    PointOfNoReturn.Plan plan = noReturn.check(app.name, target, request);
    RevisionVerdict verdict = verdicts.of(target.number());
    Instance warm = app.instances.get(target.number());
    boolean isWarm = warm != null && warm.isAlive();
    long rolloutId =
        parts
            .store()
            .startRollout(
                new RolloutRecord(
                    0,
                    app.name,
                    RolloutRecord.Kind.ROLLBACK,
                    stable == null ? null : stable.number(),
                    target.number(),
                    isWarm ? "switch" : "restart",
                    request.actor(),
                    request.reason(),
                    parts.clock().instant(),
                    null,
                    Outcome.RUNNING,
                    null,
                    null));
    app.activeRollout = rolloutId;
    RolloutLog log = new RolloutLog(rolloutId, parts, listener, app.config);
    log.event(
        "rollout",
        Status.STARTED,
        request.actor()
            + " rolls "
            + app.name
            + " back to revision "
            + target.label()
            + (isWarm ? ", still warm: switching" : ", not running: restarting it")
            + (request.reason().isEmpty() ? "" : " (" + request.reason() + ")"));
    if (request.severity() != null) {
      log.event("severity", Status.INFO, SeverityPolicy.target(request.severity()));
    }
    if (request.toRevision() == null) {
      log.event(
          "target",
          Status.INFO,
          "revision "
              + target.label()
              + (isWarm
                  ? " is the newest good revision still running: "
                  : " is the newest good revision (none still runs): ")
              + verdict.why());
    } else if (verdict.mark() == Mark.BAD) {
      log.event(
          "target",
          Status.WARNING,
          "revision "
              + target.label()
              + " is marked bad ("
              + verdict.why()
              + "); rolling back to it as asked");
    }
    HookStage hooks = new HookStage(parts);
    hooks.after(Point.PRE_ROLLBACK, app.config, app.baseDir, target, "", log);
    try {
      noReturn.carryOut(app, plan, log);
      Instance instance = isWarm ? warm : restart(app, target, log);
      RevisionStats before = parts.metrics().snapshot(app.name, target.number());
      stages.promotion().switchTo(app, target, instance, stable, false, log);
      if (stable != null) {
        markRolledBack(app.name, stable, request);
      }
      if (request.severity() != null) {
        PostRollbackChecklist.log(
            new PostRollbackChecklist(parts, CHECKLIST_WINDOW)
                .run(app.name, target, instance, configOf(app, target), before),
            log);
      }
      hooks.after(Point.POST_ROLLBACK, app.config, app.baseDir, target, "restored", log);
      return log.finish(
          Outcome.RESTORED, "rolled back: revision " + target.label() + " serves all traffic");
    } catch (StepFailed e) {
      stages.retirement().discard(app, target, Revision.State.STOPPED);
      hooks.after(Point.POST_ROLLBACK, app.config, app.baseDir, target, "failed", log);
      return log.finish(
          Outcome.FAILED,
          "rollback to revision "
              + target.label()
              + " failed: "
              + e.getMessage()
              + "\n"
              + (stable == null
                  ? "no revision serves " + app.name
                  : "traffic stays on revision " + stable.label()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return log.finish(Outcome.FAILED, "interrupted: the agent is shutting down");
    }
  }

  private AppConfig configOf(LiveApp app, Revision target) {
    try {
      return stages.recovery().configOf(target);
    } catch (RelevoException e) {
      return app.config;
    }
  }

  private Instance restart(LiveApp app, Revision target, RolloutLog log)
      throws StepFailed, InterruptedException {
    AppConfig config;
    try {
      config = stages.recovery().configOf(target);
    } catch (RelevoException e) {
      throw new StepFailed(e.getMessage());
    }
    Path baseDir = Recovery.baseDirOf(target);
    Instance instance = stages.launcher().start(app, target, config, baseDir, log);
    stages.readiness().await(target, instance, config.health(), log);
    stages.smoke().run(instance, config.smoke(), log);
    app.config = config;
    app.baseDir = baseDir;
    return instance;
  }

  /**
   * The requested revision, or the last known good one other than stable: the newest good revision
   * that still runs, else the newest good one (see {@link RevisionVerdicts#rollbackTarget}).
   */
  private Revision target(
      LiveApp app, Revision stable, Integer requested, RevisionVerdicts verdicts) {
    List<Revision> revisions = stages.parts().store().revisions(app.name);
    if (requested != null) {
      Revision target =
          revisions.stream()
              .filter(r -> r.number() == requested)
              .findFirst()
              .orElseThrow(
                  () ->
                      new RelevoException(
                          Kind.NOT_FOUND,
                          app.name
                              + " has no revision "
                              + requested
                              + " (revisions: "
                              + labels(revisions, verdicts)
                              + ")"));
      if (stable != null && target.number() == stable.number()) {
        throw new RelevoException(
            Kind.BAD_INPUT, "revision " + target.label() + " already serves " + app.name);
      }
      if (target.state() == Revision.State.FAILED) {
        throw new RelevoException(
            Kind.BAD_INPUT,
            "revision "
                + target.label()
                + " never passed its checks, so relevo will not send traffic to it; pick another: "
                + labels(revisions, verdicts));
      }
      return target;
    }
    Integer stableNumber = stable == null ? null : stable.number();
    return verdicts
        .rollbackTarget(
            stableNumber,
            r -> {
              Instance instance = app.instances.get(r.number());
              return instance != null && instance.isAlive();
            })
        .orElseThrow(() -> noTarget(app.name, stable, revisions, verdicts));
  }

  private static RelevoException noTarget(
      String app, Revision stable, List<Revision> revisions, RevisionVerdicts verdicts) {
    String stableNote = stable == null ? "" : " (stable is revision " + stable.label() + ")";
    List<Revision> others =
        revisions.stream().filter(r -> stable == null || r.number() != stable.number()).toList();
    if (others.isEmpty()) {
      return new RelevoException(
          Kind.BAD_INPUT, "no earlier revision of " + app + " to roll back to" + stableNote);
    }
    return new RelevoException(
        Kind.BAD_INPUT,
        "no known good revision of "
            + app
            + " to roll back to"
            + stableNote
            + "; revisions: "
            + String.join(
                "; ",
                others.stream()
                    .map(
                        r -> {
                          RevisionVerdict v = verdicts.of(r.number());
                          return r.label() + " " + lower(v.mark()) + ": " + v.why();
                        })
                    .toList())
            + "; pick one with `relevo rollback "
            + app
            + " --to N`");
  }

  private void markRolledBack(String app, Revision from, RollbackRequest request) {
    var store = stages.parts().store();
    store.rollouts(app, 50).stream()
        .filter(
            r ->
                r.kind() == RolloutRecord.Kind.DEPLOY
                    && r.toRevision() == from.number()
                    && r.outcome() == Outcome.PROMOTED)
        .findFirst()
        .ifPresent(
            r ->
                store.finishRollout(
                    r.id(),
                    Outcome.ROLLED_BACK,
                    "rolled back by "
                        + request.actor()
                        + (request.reason().isEmpty() ? "" : ": " + request.reason()),
                    r.finishedAt()));
  }

  /** {@code 3 (v3) [serving, good], 2 (v2) [stopped, bad]}. */
  private static String labels(List<Revision> revisions, RevisionVerdicts verdicts) {
    return String.join(
        ", ",
        revisions.stream()
            .map(
                r ->
                    r.label()
                        + " ["
                        + lower(r.state())
                        + ", "
                        + lower(verdicts.of(r.number()).mark())
                        + "]")
            .toList());
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
