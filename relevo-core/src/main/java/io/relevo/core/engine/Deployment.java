package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ApprovalPolicy;
import io.relevo.core.config.HooksConfig.Point;
import io.relevo.core.config.StrategyConfig;
import io.relevo.core.gates.GateReport;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutCheckpoint;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.nio.file.Path;

/**
 * One deploy, start to end: start the new revision beside stable, wait until it is ready, smoke
 * test it at 0% traffic, let the strategy move traffic, and on any failure put all traffic back on
 * stable and stop the new revision. The caller holds the app's rollout lock.
 */
final class Deployment {

  private final Stages stages;
  private final GateStage gates;
  private final HookStage hooks;
  private final VerifyStage verify;
  private final BackupGate backupGate;
  private final MigrationStage migrations;

  Deployment(Stages stages) {
    this.stages = stages;
    this.verify = new VerifyStage(stages.parts().smoke());
    this.gates = new GateStage(stages.parts());
    this.hooks = new HookStage(stages.parts());
    this.backupGate = new BackupGate(stages.parts());
    this.migrations = new MigrationStage(stages.parts());
  }

  RolloutRecord run(
      LiveApp app,
      Revision stable,
      DeployRequest request,
      RolloutStrategy strategy,
      RolloutListener listener) {
    EngineParts parts = stages.parts();
    PromotionWatch watch = app.watch;
    if (watch != null && !request.force()) {
      throw new RelevoException(
          Kind.CONFLICT,
          "revision "
              + watch.promoted.label()
              + " of "
              + app.name
              + " is in its watch after promotion ("
              + watch.view(parts.clock().instant()).left()
              + " left); wait for it to end (`relevo status "
              + app.name
              + "`), or deploy with --force --reason \"...\" to end it now");
    }
    GateReport report = gates.judge(request);
    if (!report.passed()) {
      return gates.refuse(app.name, stable, request, strategy.name(), report, listener);
    }
    AppConfig config = request.config();
    AppConfig previousConfig = app.config;
    Path previousBaseDir = app.baseDir;
    app.config = config;
    app.baseDir = request.baseDir();
    parts.router().open(app.name, config);
    Revision candidate =
        new Revision(
            app.name,
            parts.store().nextRevisionNumber(app.name),
            request.version(),
            ConfigHash.of(config.source().text()),
            config.source().text(),
            request.baseDir().resolve(Path.of(config.source().fileName()).getFileName()).toString(),
            Revision.State.STARTING,
            null,
            parts.clock().instant(),
            null,
            null);
    parts.store().saveRevision(candidate);
    stages.env().keep(candidate);
    long rolloutId =
        parts
            .store()
            .startRollout(
                new RolloutRecord(
                    0,
                    app.name,
                    RolloutRecord.Kind.DEPLOY,
                    stable == null ? null : stable.number(),
                    candidate.number(),
                    strategy.name(),
                    request.actor(),
                    request.reason(),
                    parts.clock().instant(),
                    null,
                    Outcome.RUNNING,
                    null,
                    null));
    app.activeRollout = rolloutId;
    app.control = new RolloutControl();
    RolloutLog log = new RolloutLog(rolloutId, parts, listener, app.config);
    if (watch != null) {
      app.watch = null;
      parts.store().clearWatch(app.name);
      String ended =
          "the watch of revision "
              + watch.promoted.label()
              + " was ended early by "
              + request.actor()
              + "'s forced deploy of "
              + request.version()
              + ": "
              + request.reason();
      new RolloutLog(watch.rolloutId, parts, RolloutListener.none())
          .event("watch", Status.INFO, ended);
      log.event("watch", Status.INFO, ended);
    }
    log.event(
        "rollout",
        Status.STARTED,
        "deploying "
            + request.version()
            + " to "
            + app.name
            + " as revision "
            + candidate.number()
            + " ("
            + strategy.name()
            + ")"
            + (stable == null ? ", first deploy" : ", stable is revision " + stable.label()));
    GateStage.record(report, log);
    Instance instance = null;
    try {
      ApprovalPolicy policy = config.gates().approvals().get(config.env());
      if (policy != null) {
        new ApprovalWait(parts).await(app, policy, request.actor(), log);
      }
      hooks.beforeDeploy(config, request.baseDir(), candidate, log);
      backupGate.pass(app, candidate, rolloutId, log);
      migrations.run(app, candidate, request, log);
      instance = stages.launcher().start(app, candidate, config, request.baseDir(), log);
    } catch (StepFailed e) {
      parts.store().clearCheckpoint(rolloutId);
      return refuse(app, candidate, stable, log, e.getMessage(), previousConfig, previousBaseDir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return refuse(app, candidate, stable, log, interrupted(app), previousConfig, previousBaseDir);
    } catch (RuntimeException e) {
      refuse(app, candidate, stable, log, "internal error: " + e, previousConfig, previousBaseDir);
      throw e;
    } finally {
      if (instance == null) {
        app.control = null;
      }
    }
    return carryOn(
        app, stable, candidate, instance, strategy, log, previousConfig, previousBaseDir, null);
  }

  /**
   * The rest of a deploy once its revision runs: readiness (unless history has it ready), smoke
   * checks (unless {@code from} says they passed), the strategy from where {@code from} says, the
   * watch after promotion, and the outcome. A resumed rollout after an agent restart comes in here
   * with the checkpoint it left.
   */
  RolloutRecord carryOn(
      LiveApp app,
      Revision stable,
      Revision candidate,
      Instance instance,
      RolloutStrategy strategy,
      RolloutLog log,
      AppConfig previousConfig,
      Path previousBaseDir,
      RolloutCheckpoint from) {
    EngineParts parts = stages.parts();
    AppConfig config = app.config;
    app.activeRollout = log.rolloutId;
    if (app.control == null) {
      app.control = new RolloutControl();
    }
    try {
      Revision ready = candidate.withState(Revision.State.READY).withInstance(instance.record());
      if (candidate.state() == Revision.State.STARTING) {
        stages.readiness().await(candidate, instance, config.health(), log, app.control);
        parts.store().saveRevision(ready);
      }
      app.control.onFirstTraffic(
          () -> parts.store().saveRevision(ready.withState(Revision.State.CANARY)));
      if (from == null) {
        stages.smoke().run(instance, config.smoke(), log);
        app.control.throwIfAborted();
        parts
            .store()
            .saveCheckpoint(
                RolloutCheckpoint.ready(log.rolloutId, app.name, parts.clock().instant()));
      }
      if (candidate.state() == Revision.State.CANARY || (from != null && from.weight() > 0)) {
        app.control.candidateTookTraffic();
      }
      strategy.shift(
          new Rollout(
              app, stable, ready, instance, stages.promotion(), log, app.control, parts, from));
      try {
        verify.afterPromotion(config.listen(), config.verify(), log);
      } catch (StepFailed e) {
        return unpromote(app, ready, stable, log, e.getMessage(), previousConfig, previousBaseDir);
      }
      new WatchStage(parts).begin(app, log.rolloutId, ready, stable, log);
      if (app.watch == null && app.config.rollback().watchAfterPromotion().isZero()) {
        new ContractStage(parts).run(app, log.rolloutId, ready);
      }
      hooks.after(Point.POST_DEPLOY, config, app.baseDir, ready, "promoted", log);
      return log.finish(Outcome.PROMOTED, "revision " + candidate.label() + " serves all traffic");
    } catch (StepFailed e) {
      return refuse(app, candidate, stable, log, e.getMessage(), previousConfig, previousBaseDir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return refuse(app, candidate, stable, log, interrupted(app), previousConfig, previousBaseDir);
    } catch (RuntimeException e) {
      refuse(app, candidate, stable, log, "internal error: " + e, previousConfig, previousBaseDir);
      throw e;
    } finally {
      parts.store().clearCheckpoint(log.rolloutId);
      app.progress = null;
      app.control = null;
    }
  }

  /**
   * Carries on a deploy that an earlier agent left under way (see {@link InFlightDeploy}), with the
   * config its revision was deployed with. The caller holds the app's rollout lock.
   */
  RolloutRecord resume(LiveApp app, Resumption resumption, RolloutStrategy strategy) {
    AppConfig previousConfig = app.config;
    Path previousBaseDir = app.baseDir;
    app.config = resumption.config();
    app.baseDir = resumption.baseDir();
    RolloutLog log =
        new RolloutLog(
            resumption.rollout().id(), stages.parts(), RolloutListener.none(), resumption.config());
    int steps =
        resumption.config().strategy() instanceof StrategyConfig.Canary canary
            ? canary.steps().size()
            : 1;
    log.event("rollout", Status.INFO, "resumed after an agent restart " + resumption.where(steps));
    return carryOn(
        app,
        resumption.stable(),
        resumption.candidate(),
        resumption.instance(),
        strategy,
        log,
        previousConfig,
        previousBaseDir,
        resumption.from());
  }

  /**
   * After a promoted revision failed its verification: switches all traffic back to the previous
   * revision when it still runs (the candidate is stopped), else leaves the candidate serving and
   * says how to roll back.
   */
  private RolloutRecord unpromote(
      LiveApp app,
      Revision promoted,
      Revision stable,
      RolloutLog log,
      String why,
      AppConfig previousConfig,
      Path previousBaseDir) {
    Instance stableInstance = stable == null ? null : app.instances.get(stable.number());
    if (stableInstance == null) {
      String left =
          "revision "
              + promoted.label()
              + " keeps serving: no previous revision runs to switch back to"
              + (stable == null
                  ? ""
                  : "; roll back with `relevo rollback " + app.name + " --reason \"...\"`");
      log.event("verify", Status.WARNING, left);
      return log.finish(Outcome.FAILED, why + "\n" + left);
    }
    AppConfig candidateConfig = app.config;
    Path candidateBaseDir = app.baseDir;
    app.config = previousConfig;
    app.baseDir = previousBaseDir;
    stages.promotion().switchTo(app, stable, stableInstance, promoted, false, log);
    parts()
        .store()
        .revision(app.name, promoted.number())
        .ifPresent(r -> parts().store().saveRevision(r.withState(Revision.State.FAILED)));
    hooks.after(Point.ON_FAILURE, candidateConfig, candidateBaseDir, promoted, "rolled_back", log);
    return log.finish(Outcome.ROLLED_BACK, why + "\ntraffic is back on revision " + stable.label());
  }

  private EngineParts parts() {
    return stages.parts();
  }

  /**
   * Puts all traffic back on stable (if the candidate had any) in one switch, then drains and stops
   * the candidate. The app's config goes back to the one stable runs with.
   */
  private RolloutRecord refuse(
      LiveApp app,
      Revision candidate,
      Revision stable,
      RolloutLog log,
      String why,
      AppConfig previousConfig,
      Path previousBaseDir) {
    EngineParts parts = stages.parts();
    AppConfig candidateConfig = app.config;
    Path candidateBaseDir = app.baseDir;
    RolloutControl control = app.control;
    boolean stillRouted =
        parts.router().current(app.name).backends().stream()
            .anyMatch(b -> b.revision() == candidate.number() && b.weight() > 0);
    boolean hadTraffic = stillRouted || (control != null && control.candidateHadTraffic());
    Instance stableInstance = stable == null ? null : app.instances.get(stable.number());
    if (stillRouted && stableInstance != null) {
      long decided = System.nanoTime();
      parts.router().route(app.name, TrafficSplit.all(stable.number(), stableInstance.endpoint()));
      long micros = (System.nanoTime() - decided) / 1_000;
      log.event(
          "abort",
          Status.OK,
          "all traffic back on revision "
              + stable.label()
              + " "
              + micros
              + "µs after the decision");
    } else if (hadTraffic && control.switchedBackMicros() >= 0) {
      log.event(
          "abort",
          Status.OK,
          "all traffic back on revision "
              + stable.label()
              + " "
              + control.switchedBackMicros()
              + "µs after the decision (switched by the abort itself)");
    }
    if (hadTraffic) {
      stages.retirement().retire(app, candidate, Revision.State.FAILED, log);
    } else {
      stages.retirement().discard(app, candidate, Revision.State.FAILED);
    }
    if (stableInstance != null) {
      app.config = previousConfig;
      app.baseDir = previousBaseDir;
    }
    String where =
        stableInstance == null
            ? "no revision serves " + app.name
            : (hadTraffic ? "traffic is back on revision " : "traffic stays on revision ")
                + stable.label();
    Outcome outcome = hadTraffic ? Outcome.ROLLED_BACK : Outcome.FAILED;
    hooks.after(
        Point.ON_FAILURE,
        candidateConfig,
        candidateBaseDir,
        candidate,
        outcome.name().toLowerCase(java.util.Locale.ROOT),
        log);
    return log.finish(outcome, why + "\n" + where);
  }

  /** Why a deploy's thread was interrupted: `relevo unlock` says so, else the agent is stopping. */
  private static String interrupted(LiveApp app) {
    return app.unlocked != null ? app.unlocked : "interrupted: the agent is shutting down";
  }
}
