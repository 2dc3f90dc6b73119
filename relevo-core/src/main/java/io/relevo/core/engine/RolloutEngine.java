package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.StrategyConfig;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's brain: ships versions, takes them back, and keeps each app's revisions in the state
 * history says they are in. One rollout per app at a time; different apps roll out in parallel.
 */
public final class RolloutEngine {

  private static final Logger LOG = Logger.getLogger(RolloutEngine.class.getName());
  static final Set<Revision.State> RUNNING_STATES = EnumSet.of(
      Revision.State.STARTING, Revision.State.READY, Revision.State.SERVING, Revision.State.WARM);

  private final EngineParts parts;
  private final Map<String, LiveApp> apps = new ConcurrentHashMap<>();
  private final RevisionLauncher launcher;
  private final ReadinessWait readiness;
  private final SmokeStage smoke;
  private final Retirement retirement;
  private final Promotion promotion;
  private final Recovery recovery;

  public RolloutEngine(EngineParts parts) {
    this.parts = parts;
    this.launcher = new RevisionLauncher(parts, this);
    this.readiness = new ReadinessWait(parts.health(), parts.clock(), parts.sleeper());
    this.smoke = new SmokeStage(parts.smoke());
    this.retirement = new Retirement(parts);
    this.promotion = new Promotion(parts, retirement);
    this.recovery = new Recovery(parts, this, launcher);
  }

  /**
   * Ships a new revision under the app's strategy and returns when the rollout has ended. A rollout
   * that was refused or rolled back is returned with its outcome, not thrown; bad input and a
   * rollout already under way for the app throw {@link RelevoException}.
   */
  public RolloutRecord deploy(DeployRequest request, RolloutListener listener) {
    AppConfig config = request.config();
    LiveApp app = apps.computeIfAbsent(config.app(), name -> new LiveApp(name, config, request.baseDir()));
    RolloutStrategy strategy = strategyFor(config.strategy());
    begin(app);
    long rolloutId = -1;
    try {
      app.config = config;
      app.baseDir = request.baseDir();
      parts.router().open(app.name, config.listen(), config.proxy());
      Revision stable = stable(app.name);
      Revision candidate = new Revision(app.name, parts.store().nextRevisionNumber(app.name),
          request.version(), ConfigHash.of(config.source().text()), config.source().text(),
          request.baseDir().resolve(Path.of(config.source().fileName()).getFileName()).toString(),
          Revision.State.STARTING, null, parts.clock().instant(), null, null);
      parts.store().saveRevision(candidate);
      rolloutId = parts.store().startRollout(new RolloutRecord(0, app.name, RolloutRecord.Kind.DEPLOY,
          stable == null ? null : stable.number(), candidate.number(), strategy.name(), request.actor(),
          request.reason(), parts.clock().instant(), null, Outcome.RUNNING, null, null));
      app.activeRollout = rolloutId;
      app.control = new RolloutControl();
      app.watch = null;
      RolloutLog log = new RolloutLog(rolloutId, parts.store(), listener, parts.clock());
      log.event("rollout", Status.STARTED, "deploying " + request.version() + " to " + app.name
          + " as revision " + candidate.number() + " (" + strategy.name() + ")"
          + (stable == null ? ", first deploy" : ", stable is revision " + stable.label()));
      try {
        Instance instance = launcher.start(app, candidate, config, request.baseDir(), log);
        readiness.await(candidate, instance, config.health(), log);
        Revision ready = candidate.withState(Revision.State.READY).withInstance(instance.record());
        parts.store().saveRevision(ready);
        smoke.run(instance, config.smoke(), log);
        strategy.shift(new Rollout(app, stable, ready, instance, promotion, log, app.control, parts));
        app.watch = PromotionWatch.after(app, ready, stable, parts);
        finish(log, Outcome.PROMOTED, "revision " + candidate.label() + " serves all traffic");
      } catch (StepFailed e) {
        refuse(app, candidate, stable, log, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        refuse(app, candidate, stable, log, "interrupted: the agent is shutting down");
      } catch (RuntimeException e) {
        refuse(app, candidate, stable, log, "internal error: " + e);
        throw e;
      }
      return parts.store().rollout(rolloutId).orElseThrow();
    } finally {
      app.progress = null;
      app.control = null;
      end(app);
    }
  }

  private void refuse(LiveApp app, Revision candidate, Revision stable, RolloutLog log, String why) {
    boolean hadTraffic = parts.router().current(app.name).backends().stream()
        .anyMatch(b -> b.revision() == candidate.number() && b.weight() > 0);
    Instance stableInstance = stable == null ? null : app.instances.get(stable.number());
    if (hadTraffic && stableInstance != null) {
      long decided = System.nanoTime();
      parts.router().route(app.name, TrafficSplit.all(stable.number(), stableInstance.endpoint()));
      long micros = (System.nanoTime() - decided) / 1_000;
      log.event("abort", Status.OK, "all traffic back on revision " + stable.label() + " "
          + micros + "µs after the decision");
    }
    if (hadTraffic) {
      retirement.retire(app, candidate, Revision.State.FAILED, log);
    } else {
      retirement.discard(app, candidate, Revision.State.FAILED);
    }
    String where = stableInstance == null
        ? "no revision serves " + app.name
        : (hadTraffic ? "traffic is back on revision " : "traffic stays on revision ") + stable.label();
    finish(log, hadTraffic ? Outcome.ROLLED_BACK : Outcome.FAILED, why + "\n" + where);
  }

  private void finish(RolloutLog log, Outcome outcome, String reason) {
    log.event("rollout", outcome == Outcome.PROMOTED ? Status.OK : Status.FAILED, reason);
    parts.store().finishRollout(log.rolloutId, outcome, reason, parts.clock().instant());
    parts.store().rollout(log.rolloutId).ifPresent(record -> {
      try {
        parts.notifier().rolloutFinished(record);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "notifier failed for rollout " + log.rolloutId, e);
      }
    });
  }

  /** Takes traffic back to an earlier revision; see {@link #deploy} for how outcomes come back. */
  public RolloutRecord rollback(RollbackRequest request, RolloutListener listener) {
    LiveApp app = known(request.app());
    begin(app);
    try {
      app.watch = null;
      Revision stable = stable(app.name);
      Revision target = rollbackTarget(app.name, stable, request.toRevision());
      Instance warm = app.instances.get(target.number());
      boolean isWarm = warm != null && warm.isAlive();
      long rolloutId = parts.store().startRollout(new RolloutRecord(0, app.name,
          RolloutRecord.Kind.ROLLBACK, stable == null ? null : stable.number(), target.number(),
          isWarm ? "switch" : "restart", request.actor(), request.reason(), parts.clock().instant(),
          null, Outcome.RUNNING, null, null));
      app.activeRollout = rolloutId;
      RolloutLog log = new RolloutLog(rolloutId, parts.store(), listener, parts.clock());
      log.event("rollout", Status.STARTED, request.actor() + " rolls " + app.name + " back to revision "
          + target.label() + (isWarm ? ", still warm: switching" : ", not running: restarting it")
          + (request.reason().isEmpty() ? "" : " (" + request.reason() + ")"));
      try {
        Instance instance = isWarm ? warm : restart(app, target, log);
        promotion.switchTo(app, target, instance, stable, false, log);
        if (stable != null) {
          markRolledBack(app.name, stable, request);
        }
        finish(log, Outcome.PROMOTED, "rolled back: revision " + target.label() + " serves all traffic");
      } catch (StepFailed e) {
        retirement.discard(app, target, Revision.State.STOPPED);
        finish(log, Outcome.FAILED, "rollback to revision " + target.label() + " failed: " + e.getMessage()
            + "\n" + (stable == null ? "no revision serves " + app.name : "traffic stays on revision " + stable.label()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finish(log, Outcome.FAILED, "interrupted: the agent is shutting down");
      }
      return parts.store().rollout(rolloutId).orElseThrow();
    } finally {
      end(app);
    }
  }

  private Instance restart(LiveApp app, Revision target, RolloutLog log)
      throws StepFailed, InterruptedException {
    AppConfig config;
    try {
      config = recovery.configOf(target);
    } catch (RelevoException e) {
      throw new StepFailed(e.getMessage());
    }
    Path baseDir = Recovery.baseDirOf(target);
    Instance instance = launcher.start(app, target, config, baseDir, log);
    readiness.await(target, instance, config.health(), log);
    smoke.run(instance, config.smoke(), log);
    app.config = config;
    app.baseDir = baseDir;
    return instance;
  }

  private Revision rollbackTarget(String app, Revision stable, Integer requested) {
    List<Revision> revisions = parts.store().revisions(app);
    if (requested != null) {
      Revision target = revisions.stream().filter(r -> r.number() == requested).findFirst()
          .orElseThrow(() -> new RelevoException(Kind.NOT_FOUND, app + " has no revision " + requested
              + " (revisions: " + labels(revisions) + ")"));
      if (stable != null && target.number() == stable.number()) {
        throw new RelevoException(Kind.BAD_INPUT, "revision " + target.label() + " already serves " + app);
      }
      if (target.state() == Revision.State.FAILED) {
        throw new RelevoException(Kind.BAD_INPUT, "revision " + target.label()
            + " never passed its checks, so relevo will not send traffic to it; pick another: " + labels(revisions));
      }
      return target;
    }
    int below = stable == null ? Integer.MAX_VALUE : stable.number();
    return revisions.stream()
        .filter(r -> r.number() < below && r.state() != Revision.State.FAILED
            && r.state() != Revision.State.STARTING && r.state() != Revision.State.READY)
        .max(Comparator.comparingInt(Revision::number))
        .orElseThrow(() -> new RelevoException(Kind.BAD_INPUT, "no earlier revision of " + app
            + " to roll back to" + (stable == null ? "" : " (stable is revision " + stable.label() + ")")));
  }

  private void markRolledBack(String app, Revision from, RollbackRequest request) {
    parts.store().rollouts(app, 50).stream()
        .filter(r -> r.kind() == RolloutRecord.Kind.DEPLOY && r.toRevision() == from.number()
            && r.outcome() == Outcome.PROMOTED)
        .findFirst()
        .ifPresent(r -> parts.store().finishRollout(r.id(), Outcome.ROLLED_BACK,
            "rolled back by " + request.actor()
                + (request.reason().isEmpty() ? "" : ": " + request.reason()), r.finishedAt()));
  }

  /**
   * Lets a paused rollout go on: past an indefinite pause, or with {@code full} past every
   * remaining step straight to 100%. Throws NOT_FOUND when no rollout of the app is under way.
   */
  public void promote(String app, boolean full, String actor) {
    RolloutControl control = underWay(app);
    control.promote(full);
    LOG.info(actor + " promoted the rollout of " + app + (full ? " in full" : ""));
  }

  /**
   * Stops the rollout under way: traffic goes back to the stable revision at once and the new
   * revision is drained and stopped. The rollout ends as rolled back, with {@code reason}.
   */
  public void abort(String app, String actor, String reason) {
    underWay(app).abort(actor, reason == null ? "" : reason);
  }

  /**
   * Runs the app's last failed or rolled-back deploy again: same version, same config, a new
   * revision. Returns when that rollout ends, like {@link #deploy}.
   */
  public RolloutRecord retry(String app, String actor, RolloutListener listener) {
    known(app);
    RolloutRecord last = parts.store().rollouts(app, 20).stream()
        .filter(r -> r.kind() == RolloutRecord.Kind.DEPLOY && !"restart".equals(r.strategy()))
        .findFirst()
        .orElseThrow(() -> new RelevoException(Kind.BAD_INPUT, app + " has no deploy to retry"));
    if (last.outcome() != Outcome.FAILED && last.outcome() != Outcome.ROLLED_BACK) {
      throw new RelevoException(Kind.BAD_INPUT, "the last deploy of " + app + " (rollout " + last.id()
          + ") ended " + last.outcome().name().toLowerCase(java.util.Locale.ROOT) + "; nothing to retry");
    }
    Revision revision = parts.store().revision(app, last.toRevision()).orElseThrow();
    AppConfig config = recovery.configOf(revision);
    return deploy(new DeployRequest(config, Recovery.baseDirOf(revision), revision.version(), actor,
        "retry of rollout " + last.id()), listener);
  }

  private RolloutControl underWay(String app) {
    RolloutControl control = known(app).control;
    if (control == null) {
      throw new RelevoException(Kind.NOT_FOUND, "no rollout of " + app + " is under way");
    }
    return control;
  }

  /** Stops every revision of the app and closes its front door. History is kept. */
  public void stop(String app, String actor) {
    LiveApp live = known(app);
    begin(live);
    try {
      parts.router().route(app, TrafficSplit.none());
      for (Revision revision : parts.store().revisions(app)) {
        if (RUNNING_STATES.contains(revision.state()) || live.instances.containsKey(revision.number())) {
          retirement.retire(live, revision, Revision.State.STOPPED, null);
        }
      }
      var state = parts.store().appState(app);
      parts.store().saveAppState(new io.relevo.core.store.AppState(app, null,
          state.map(io.relevo.core.store.AppState::lastKnownGood).orElse(null)));
      parts.router().close(app);
      LOG.info(actor + " stopped " + app);
    } finally {
      end(live);
    }
  }

  /** The app's state now; throws NOT_FOUND for an app relevo never deployed. */
  public AppStatus status(String app) {
    LiveApp live = known(app);
    List<Revision> running = parts.store().revisions(app).stream()
        .filter(r -> RUNNING_STATES.contains(r.state())).toList();
    Long active = live.activeRollout;
    return new AppStatus(app, live.config.env(), live.config.listen().toString(), stable(app), running,
        parts.router().current(app), active == null ? null : parts.store().rollout(active).orElse(null),
        active == null ? null : live.progress);
  }

  /** Every known app's state, by name. */
  public List<AppStatus> statuses() {
    return apps.keySet().stream().sorted().map(this::status).toList();
  }

  /** The newest {@code limit} rollouts of an app, newest first. */
  public List<RolloutRecord> history(String app, int limit) {
    known(app);
    return parts.store().rollouts(app, limit);
  }

  /** Where a revision's stdout and stderr go. */
  public Path logFile(String app, int revision) {
    return parts.stateDir().resolve("logs").resolve(app).resolve(revision + ".log");
  }

  /**
   * Called once when the agent starts: adopts the revisions still running from before, restores
   * each app's routing, and closes rollouts that the last agent left unfinished.
   */
  public void recover() {
    for (String app : parts.store().apps()) {
      try {
        recovery.recover(app).ifPresent(live -> apps.put(app, live));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not recover " + app + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Called every second or so: stops warm revisions whose keep time is over (after draining) and
   * records revisions that exited on their own. Skips an app while a rollout holds it.
   */
  public void tick() {
    for (LiveApp app : apps.values()) {
      if (!app.lock.tryLock()) {
        continue;
      }
      String watchFailure = null;
      PromotionWatch watch = app.watch;
      try {
        sweep(app);
        if (watch != null) {
          watchFailure = watch.poll(parts.clock().instant()).orElse(null);
          if (watchFailure != null || watch.over(parts.clock().instant())) {
            app.watch = null;
          }
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "housekeeping of " + app.name + " failed: " + e.getMessage(), e);
      } finally {
        app.lock.unlock();
      }
      if (watchFailure != null) {
        LOG.warning(app.name + ": " + watchFailure + "; rolling back");
        try {
          rollback(new RollbackRequest(app.name, watch.previous.number(), "relevo", watchFailure),
              RolloutListener.none());
        } catch (RelevoException e) {
          LOG.warning(app.name + ": automatic rollback refused: " + e.getMessage());
        }
      }
    }
  }

  private void sweep(LiveApp app) {
    var now = parts.clock().instant();
    for (Revision revision : parts.store().revisions(app.name)) {
      Instance instance = app.instances.get(revision.number());
      if (instance != null && !instance.isAlive()
          && (revision.state() == Revision.State.SERVING || revision.state() == Revision.State.WARM)) {
        app.instances.remove(revision.number());
        Integer code = instance.exitCode().orElse(null);
        parts.store().saveRevision(revision.withState(Revision.State.CRASHED).withExitCode(code));
        LOG.warning(app.name + ": revision " + revision.label() + " exited on its own"
            + (code == null ? "" : " with code " + code) + "; see `relevo logs " + app.name
            + " --revision " + revision.number() + "`");
      } else if (revision.state() == Revision.State.WARM && revision.keepUntil() != null
          && !now.isBefore(revision.keepUntil())) {
        retirement.retire(app, revision, Revision.State.STOPPED, null);
      }
    }
  }

  /** The app's stable revision as history has it, or null. */
  Revision stable(String app) {
    return parts.store().appState(app)
        .map(io.relevo.core.store.AppState::stableRevision)
        .flatMap(number -> number == null ? java.util.Optional.empty() : parts.store().revision(app, number))
        .orElse(null);
  }

  private LiveApp known(String app) {
    LiveApp live = apps.get(app);
    if (live == null) {
      List<String> names = new ArrayList<>(apps.keySet());
      names.sort(null);
      throw new RelevoException(Kind.NOT_FOUND, "no app named \"" + app + "\""
          + (names.isEmpty() ? "; nothing has been deployed yet" : " (apps: " + String.join(", ", names) + ")"));
    }
    return live;
  }

  private void begin(LiveApp app) {
    synchronized (app) {
      Long active = app.activeRollout;
      if (app.busy) {
        throw new RelevoException(Kind.CONFLICT, "a rollout of " + app.name + " is under way"
            + (active == null ? "" : " (rollout " + active + ")")
            + "; wait for it to end, or follow it with `relevo status " + app.name + "`");
      }
      app.busy = true;
    }
    app.lock.lock();
  }

  private void end(LiveApp app) {
    app.activeRollout = null;
    app.lock.unlock();
    synchronized (app) {
      app.busy = false;
    }
  }

  private static RolloutStrategy strategyFor(StrategyConfig config) {
    return switch (config) {
      case StrategyConfig.BlueGreen blueGreen -> new BlueGreenStrategy();
      case StrategyConfig.Canary canary -> new CanaryStrategy(canary);
    };
  }

  private static String labels(List<Revision> revisions) {
    return String.join(", ", revisions.stream()
        .map(r -> r.label() + " " + r.state().name().toLowerCase(java.util.Locale.ROOT)).toList());
  }
}
