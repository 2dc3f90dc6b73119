package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.analysis.StableHistory;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.Durations;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.store.WatchRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Brings one app back after an agent restart: re-adopts the revisions that still run (by their
 * recorded pid or container), closes rollouts the last agent left open, and restores routing.
 */
final class Recovery {

  private static final Logger LOG = Logger.getLogger(Recovery.class.getName());

  private final EngineParts parts;
  private final RolloutEngine engine;
  private final RevisionLauncher launcher;

  Recovery(EngineParts parts, RolloutEngine engine, RevisionLauncher launcher) {
    this.parts = parts;
    this.engine = engine;
    this.launcher = launcher;
  }

  Optional<LiveApp> recover(String app) {
    Revision stable = engine.stable(app);
    Revision newest = parts.store().revisions(app).stream().findFirst().orElse(null);
    Revision configured = stable != null ? stable : newest;
    if (configured == null) {
      return Optional.empty();
    }
    LiveApp live = new LiveApp(app, configOf(configured), baseDirOf(configured));
    closeUnfinishedRollouts(app);
    for (Revision revision : parts.store().revisions(app)) {
      if (!RolloutEngine.RUNNING_STATES.contains(revision.state())) {
        continue;
      }
      boolean isStable = stable != null && stable.number() == revision.number();
      Optional<Instance> adopted =
          revision.instance() == null
              ? Optional.empty()
              : parts
                  .runtime()
                  .adopt(launcher.spec(revision, live.config, live.baseDir), revision.instance());
      if (adopted.isPresent() && (isStable || revision.state() == Revision.State.WARM)) {
        live.instances.put(revision.number(), adopted.get());
        LOG.info(
            app
                + ": re-adopted revision "
                + revision.label()
                + " ("
                + revision.instance().id()
                + ")");
      } else if (adopted.isPresent()) {
        // Started by a rollout that never finished; the new agent's split leaves it out (a canary
        // loses its share), so it goes.
        parts.runtime().stop(adopted.get(), live.config.runtime().stopGrace());
        parts.store().saveRevision(revision.withState(Revision.State.FAILED).withInstance(null));
      } else {
        Revision.State gone =
            revision.state() == Revision.State.SERVING || revision.state() == Revision.State.WARM
                ? Revision.State.CRASHED
                : Revision.State.FAILED;
        parts.store().saveRevision(revision.withState(gone).withInstance(null));
        LOG.warning(app + ": revision " + revision.label() + " was no longer running");
      }
    }
    parts.router().open(app, live.config.listen(), live.config.proxy());
    if (stable != null) {
      Instance instance = live.instances.get(stable.number());
      if (instance == null) {
        instance = restartStable(live, stable);
      }
      if (instance != null) {
        parts.router().route(app, TrafficSplit.all(stable.number(), instance.endpoint()));
      }
    }
    resumeWatch(live, stable);
    LastKnownGood.refresh(parts.store(), app);
    return Optional.of(live);
  }

  /**
   * Resumes the watch after promotion that the last agent left running, with its remaining time and
   * the reference traffic it recorded; one that ran out meanwhile, or that has nothing left to
   * compare with, ends with an event saying so.
   */
  private void resumeWatch(LiveApp live, Revision stable) {
    Optional<WatchRecord> saved = parts.store().watch(live.name);
    if (saved.isEmpty()) {
      return;
    }
    WatchRecord record = saved.get();
    RolloutLog log = new RolloutLog(record.rolloutId(), parts, RolloutListener.none());
    var now = parts.clock().instant();
    Optional<Revision> previous = parts.store().revision(live.name, record.previous());
    Optional<PromotionWatch> watch =
        stable == null || stable.number() != record.promoted() || previous.isEmpty()
            ? Optional.empty()
            : PromotionWatch.start(
                live,
                record.rolloutId(),
                stable,
                previous.get(),
                StableHistory.between(
                    RevisionStats.empty(), record.reference(), record.referenceSpan()),
                record.until(),
                parts);
    if (watch.isPresent()) {
      live.watch = watch.get();
      String left = Durations.format(Duration.between(now, record.until()).withNanos(0));
      log.event("watch", Status.INFO, "watch resumed after an agent restart, " + left + " left");
      LOG.info(
          live.name + ": resumed the watch of revision " + stable.label() + ", " + left + " left");
    } else {
      parts.store().clearWatch(live.name);
      log.event(
          "watch",
          Status.INFO,
          now.isBefore(record.until())
              ? "the watch ended at an agent restart: revision "
                  + record.previous()
                  + " no longer runs or revision "
                  + record.promoted()
                  + " no longer serves"
              : "the watch's time ran out while the agent was down; it was not judged to the end");
    }
  }

  private Instance restartStable(LiveApp live, Revision stable) {
    long id =
        parts
            .store()
            .startRollout(
                new RolloutRecord(
                    0,
                    live.name,
                    RolloutRecord.Kind.DEPLOY,
                    null,
                    stable.number(),
                    "restart",
                    "relevo",
                    "the stable revision was not running when the agent started",
                    parts.clock().instant(),
                    null,
                    Outcome.RUNNING,
                    null,
                    null));
    RolloutLog log = new RolloutLog(id, parts, RolloutListener.none());
    try {
      Instance instance = launcher.start(live, stable, live.config, live.baseDir, log);
      new ReadinessWait(parts.health(), parts.clock(), parts.sleeper())
          .await(stable, instance, live.config.health(), log);
      parts
          .store()
          .saveRevision(stable.withState(Revision.State.SERVING).withInstance(instance.record()));
      parts
          .store()
          .finishRollout(
              id,
              Outcome.PROMOTED,
              "revision " + stable.label() + " restarted",
              parts.clock().instant());
      return instance;
    } catch (StepFailed | RelevoException e) {
      parts.store().finishRollout(id, Outcome.FAILED, e.getMessage(), parts.clock().instant());
      LastKnownGood.save(parts.store(), live.name, null);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Ends the rollouts the last agent left running. A deploy whose revision had a canary share was
   * rolled back (recovery routes all traffic to stable); any other was refused before a switch.
   */
  private void closeUnfinishedRollouts(String app) {
    for (RolloutRecord rollout : parts.store().rollouts(app, 20)) {
      if (rollout.outcome() != Outcome.RUNNING) {
        continue;
      }
      boolean hadShare =
          rollout.kind() == RolloutRecord.Kind.DEPLOY
              && parts
                  .store()
                  .revision(app, rollout.toRevision())
                  .map(r -> r.state() == Revision.State.CANARY)
                  .orElse(false);
      parts
          .store()
          .finishRollout(
              rollout.id(),
              hadShare ? Outcome.ROLLED_BACK : Outcome.FAILED,
              hadShare
                  ? "the agent stopped while revision "
                      + rollout.toRevision()
                      + " took a canary share; traffic is back on the stable revision"
                  : "the agent stopped during this rollout; traffic stayed on the stable revision",
              parts.clock().instant());
    }
  }

  /** The config a revision was deployed with, read again with the agent's environment. */
  AppConfig configOf(Revision revision) {
    try {
      return ConfigLoader.parse(revision.configFile(), revision.configText(), parts.env());
    } catch (RelevoException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "the config of revision " + revision.label() + " no longer loads: " + e.getMessage(),
          e);
    }
  }

  static Path baseDirOf(Revision revision) {
    Path parent = Path.of(revision.configFile()).toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }
}
