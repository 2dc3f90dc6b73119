package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.Durations;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.store.WatchRecord;
import java.nio.file.Path;

/**
 * One deploy, start to end: start the new revision beside stable, wait until it is ready, smoke
 * test it at 0% traffic, let the strategy move traffic, and on any failure put all traffic back on
 * stable and stop the new revision. The caller holds the app's rollout lock.
 */
final class Deployment {

  private final Stages stages;
  private final BackupGate backupGate;
  private final MigrationStage migrations;

  Deployment(Stages stages) {
    this.stages = stages;
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
    AppConfig config = request.config();
    AppConfig previousConfig = app.config;
    Path previousBaseDir = app.baseDir;
    app.config = config;
    app.baseDir = request.baseDir();
    parts.router().open(app.name, config.listen(), config.proxy());
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
    RolloutLog log = new RolloutLog(rolloutId, parts, listener);
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
    try {
      backupGate.pass(app, candidate, rolloutId, log);
      migrations.run(app, candidate, request, log);
      Instance instance = stages.launcher().start(app, candidate, config, request.baseDir(), log);
      stages.readiness().await(candidate, instance, config.health(), log, app.control);
      Revision ready = candidate.withState(Revision.State.READY).withInstance(instance.record());
      parts.store().saveRevision(ready);
      app.control.onFirstTraffic(
          () -> parts.store().saveRevision(ready.withState(Revision.State.CANARY)));
      stages.smoke().run(instance, config.smoke(), log);
      app.control.throwIfAborted();
      strategy.shift(
          new Rollout(app, stable, ready, instance, stages.promotion(), log, app.control, parts));
      watch(app, rolloutId, ready, stable, log);
      if (app.watch == null && app.config.rollback().watchAfterPromotion().isZero()) {
        new ContractStage(parts).run(app, rolloutId, ready);
      }
      return log.finish(Outcome.PROMOTED, "revision " + candidate.label() + " serves all traffic");
    } catch (StepFailed e) {
      return refuse(app, candidate, stable, log, e.getMessage(), previousConfig, previousBaseDir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return refuse(
          app,
          candidate,
          stable,
          log,
          "interrupted: the agent is shutting down",
          previousConfig,
          previousBaseDir);
    } catch (RuntimeException e) {
      refuse(app, candidate, stable, log, "internal error: " + e, previousConfig, previousBaseDir);
      throw e;
    } finally {
      app.progress = null;
      app.control = null;
    }
  }

  /** Starts the watch after promotion, judged against the previous revision's recent past. */
  private void watch(
      LiveApp app, long rolloutId, Revision promoted, Revision previous, RolloutLog log) {
    EngineParts parts = stages.parts();
    var length = app.config.rollback().watchAfterPromotion();
    if (previous == null || length.isZero()) {
      return;
    }
    var now = parts.clock().instant();
    var reference =
        app.history.of(
            previous.number(), parts.metrics().snapshot(app.name, previous.number()), now);
    app.watch =
        PromotionWatch.start(app, rolloutId, promoted, previous, reference, now.plus(length), parts)
            .orElse(null);
    if (app.watch != null) {
      parts
          .store()
          .saveWatch(
              new WatchRecord(
                  app.name,
                  rolloutId,
                  promoted.number(),
                  previous.number(),
                  app.watch.until(),
                  reference.counters(),
                  reference.span()));
      log.event(
          "watch",
          Status.STARTED,
          "watching revision "
              + promoted.label()
              + " for "
              + Durations.format(length)
              + " (until "
              + app.watch.until()
              + ") against revision "
              + previous.label()
              + "'s "
              + reference
              + " before the switch; a failure rolls back by switching");
    } else {
      log.event(
          "watch",
          Status.INFO,
          "no watch after promotion: revision "
              + previous.label()
              + " has no traffic to compare with or no longer runs");
    }
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
    return log.finish(hadTraffic ? Outcome.ROLLED_BACK : Outcome.FAILED, why + "\n" + where);
  }
}
