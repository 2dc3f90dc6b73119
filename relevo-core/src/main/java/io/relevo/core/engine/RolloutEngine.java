package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.StrategyConfig;
import io.relevo.core.database.Backup;
import io.relevo.core.history.RevisionVerdict;
import io.relevo.core.history.RevisionVerdicts;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutRecord;
import java.nio.file.Path;
import java.util.ArrayList;
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
  static final Set<Revision.State> RUNNING_STATES =
      EnumSet.of(
          Revision.State.STARTING,
          Revision.State.READY,
          Revision.State.CANARY,
          Revision.State.SERVING,
          Revision.State.WARM);

  private final EngineParts parts;
  private final Map<String, LiveApp> apps = new ConcurrentHashMap<>();
  private final Map<String, RecoveryNote> recoveryNotes = new ConcurrentHashMap<>();
  private final Stages stages;
  private final Deployment deployment;
  private final Reversal reversal;
  private final Housekeeping housekeeping;
  private final StatusView statusView;

  public RolloutEngine(EngineParts parts) {
    parts = EventPublishing.attach(parts);
    this.parts = parts;
    this.stages = Stages.of(parts, this);
    this.deployment = new Deployment(stages);
    this.reversal = new Reversal(stages);
    this.housekeeping = new Housekeeping(stages);
    this.statusView = new StatusView(parts);
  }

  /**
   * Ships a new revision under the app's strategy and returns when the rollout has ended. A rollout
   * that was refused or rolled back is returned with its outcome, not thrown; bad input and a
   * rollout already under way for the app throw {@link RelevoException}.
   */
  public RolloutRecord deploy(DeployRequest request, RolloutListener listener) {
    AppConfig config = request.config();
    LiveApp app =
        apps.computeIfAbsent(config.app(), name -> new LiveApp(name, config, request.baseDir()));
    RolloutStrategy strategy = strategyFor(config.strategy());
    app.claim("deploy of " + request.version(), request.actor(), parts.clock().instant());
    try {
      return deployment.run(app, stable(app.name), request, strategy, listener);
    } finally {
      app.release();
    }
  }

  /**
   * Runs every gate of {@code request} as a deploy would, now, without deploying or recording
   * anything; the app need not have been deployed before.
   */
  public io.relevo.core.gates.GateReport check(DeployRequest request) {
    return new GateStage(parts).judge(request);
  }

  /**
   * Approves the deploy {@code rolloutId} of {@code app}, which waits for approvals, as {@code
   * person}; the approval is recorded in its history. Returns where the approvals stand.
   *
   * @throws RelevoException NOT_FOUND for a rollout that does not exist; BAD_INPUT for one that
   *     does not wait for approvals, an expired request, the requester, someone outside the groups,
   *     or a second approval by the same person
   */
  public String approve(String app, long rolloutId, String person) {
    return new ApprovalDesk(parts).approve(known(app), rolloutId, person);
  }

  /**
   * Takes a verified backup of the app's database now, under its {@code migrations.backup}
   * settings; throws BAD_INPUT when the app has none, or the adapter's error when the dump fails.
   */
  public Backup backup(String app, String actor) {
    return new BackupOnDemand(parts).take(known(app), stable(app), actor);
  }

  /**
   * Restores a backup into the app's database for real, with the front door closed to its revisions
   * while it runs; returns the RESTORE rollout, whatever its outcome.
   */
  public RolloutRecord restore(RestoreRequest request, RolloutListener listener) {
    LiveApp app = known(request.app());
    app.claim("restore", request.actor(), parts.clock().instant());
    try {
      return new DatabaseRestore(parts).run(app, stable(app.name), request, listener);
    } finally {
      app.release();
    }
  }

  /**
   * Restores a backup (the newest when {@code backupId} is null) into a scratch database, counts
   * its rows per table, runs the configured check query, and drops the scratch database.
   */
  public io.relevo.core.database.RestoreDrill verifyBackup(String app, Long backupId) {
    return new RestoreDrills(parts).run(known(app), backupId);
  }

  /** The app's backups, newest first. */
  public List<Backup> backups(String app) {
    return parts.databases().history().backups(known(app).name);
  }

  /** Takes traffic back to an earlier revision; see {@link #deploy} for how outcomes come back. */
  public RolloutRecord rollback(RollbackRequest request, RolloutListener listener) {
    LiveApp app = known(request.app());
    app.claim("rollback", request.actor(), parts.clock().instant());
    try {
      if (request.severity() != null
          && SeverityPolicy.decide(request.severity(), request.now())
              == SeverityPolicy.Action.FIX_FORWARD) {
        return new FixForwardIncident(parts).record(app, stable(app.name), request, listener);
      }
      return reversal.run(app, stable(app.name), request, listener);
    } finally {
      app.release();
    }
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
    return deploy(RetryRequest.of(parts.store(), stages.recovery(), app, actor), listener);
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
    live.claim("stop", actor, parts.clock().instant());
    try {
      parts.router().route(app, TrafficSplit.none());
      for (Revision revision : parts.store().revisions(app)) {
        if (RUNNING_STATES.contains(revision.state())
            || live.instances.containsKey(revision.number())) {
          stages.retirement().retire(live, revision, Revision.State.STOPPED, null);
        }
      }
      LastKnownGood.save(parts.store(), app, null);
      parts.router().close(app);
      LOG.info(actor + " stopped " + app);
    } finally {
      live.release();
    }
  }

  /** The app's state now; throws NOT_FOUND for an app relevo never deployed. */
  public AppStatus status(String app) {
    RecoveryNote note = recoveryNotes.get(app);
    if (note != null && note.config() == null && !apps.containsKey(app)) {
      return statusView.notRecovered(app, stable(app), note);
    }
    return statusView.of(known(app), stable(app), note);
  }

  /** Every known app's state, by name, those the agent could not recover included. */
  public List<AppStatus> statuses() {
    return java.util.stream.Stream.concat(apps.keySet().stream(), recoveryNotes.keySet().stream())
        .distinct()
        .sorted()
        .map(this::status)
        .toList();
  }

  /** The newest {@code limit} rollouts of an app, newest first. */
  public List<RolloutRecord> history(String app, int limit) {
    known(app);
    return parts.store().rollouts(app, limit);
  }

  /**
   * Every revision of the app, newest first, marked good, bad or unknown as history tells (see
   * {@link RevisionVerdicts}); throws NOT_FOUND for an app relevo never deployed.
   */
  public List<RevisionVerdict> revisions(String app) {
    known(app);
    return RevisionVerdicts.read(parts.store(), app).all();
  }

  /** One revision with the config text it was deployed with; NOT_FOUND when there is none. */
  public Revision revision(String app, int number) {
    known(app);
    return parts
        .store()
        .revision(app, number)
        .orElseThrow(
            () -> new RelevoException(Kind.NOT_FOUND, "no revision " + number + " of " + app));
  }

  /** Where a revision's stdout and stderr go. */
  public Path logFile(String app, int revision) {
    return parts.stateDir().resolve("logs").resolve(app).resolve(revision + ".log");
  }

  /**
   * Called once when the agent starts: adopts the revisions still running from before, restores
   * each app's routing, and closes rollouts that the last agent left unfinished. What it cannot
   * bring back of an app (its config lacks a variable, or does not load at all) is logged in one
   * line and shown as an alert by {@link #status}; an app it cannot recover at all is still listed.
   */
  public void recover() {
    for (String app : parts.store().apps()) {
      try {
        stages
            .recovery()
            .recover(app)
            .ifPresent(
                recovered -> {
                  apps.put(app, recovered.live());
                  recovered.resumption().ifPresent(r -> resume(recovered.live(), r));
                  recovered
                      .problem()
                      .ifPresent(
                          problem ->
                              recoveryNotes.put(
                                  app, new RecoveryNote(problem, recovered.live().config)));
                });
      } catch (RelevoException e) {
        LOG.warning("could not recover " + app + ": " + e.getMessage());
        recoveryNotes.put(app, RecoveryNote.notRecovered(e.getMessage()));
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "could not recover " + app + " (this is a bug)", e);
        recoveryNotes.put(app, RecoveryNote.notRecovered(e.toString()));
      }
    }
  }

  /** Carries on, in its own thread, a deploy the last agent left; the app is busy until it ends. */
  private void resume(LiveApp app, Resumption resumption) {
    synchronized (app) {
      app.busy = true;
    }
    app.activeRollout = resumption.rollout().id();
    app.control = new RolloutControl();
    Thread.ofVirtual()
        .name("relevo-resume-" + app.name)
        .start(
            () -> {
              app.lock.lock();
              try {
                deployment.resume(app, resumption, strategyFor(resumption.config().strategy()));
              } catch (RelevoException e) {
                LOG.warning("the resumed rollout of " + app.name + " stopped: " + e.getMessage());
              } catch (RuntimeException e) {
                LOG.log(
                    Level.WARNING,
                    "the resumed rollout of " + app.name + " failed: " + e.getMessage(),
                    e);
              } finally {
                app.release();
              }
            });
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
      PromotionWatch watch = app.watch;
      String watchFailure = null;
      try {
        watchFailure = housekeeping.run(app).orElse(null);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "housekeeping of " + app.name + " failed: " + e.getMessage(), e);
      } finally {
        app.lock.unlock();
      }
      if (watchFailure != null) {
        LOG.warning(app.name + ": " + watchFailure + "; rolling back");
        try {
          rollback(
              new RollbackRequest(app.name, watch.previous.number(), "relevo", watchFailure),
              RolloutListener.none());
        } catch (RelevoException e) {
          LOG.warning(app.name + ": automatic rollback refused: " + e.getMessage());
        }
      }
    }
  }

  /** The app's stable revision as history has it, or null. */
  Revision stable(String app) {
    return parts
        .store()
        .appState(app)
        .map(io.relevo.core.store.AppState::stableRevision)
        .flatMap(
            number ->
                number == null ? java.util.Optional.empty() : parts.store().revision(app, number))
        .orElse(null);
  }

  private LiveApp known(String app) {
    LiveApp live = apps.get(app);
    if (live == null) {
      List<String> names = new ArrayList<>(apps.keySet());
      names.sort(null);
      throw new RelevoException(
          Kind.NOT_FOUND,
          "no app named \""
              + app
              + "\""
              + (names.isEmpty()
                  ? "; nothing has been deployed yet"
                  : " (apps: " + String.join(", ", names) + ")"));
    }
    return live;
  }

  /**
   * Takes the app's rollout lock from a holder that is stuck: records who and why in the held
   * rollout's history, aborts it (traffic back on stable), and, if it has not let go within 5 s,
   * interrupts its thread. Returns what held the lock.
   *
   * @throws RelevoException BAD_INPUT without a reason, NOT_FOUND when nothing holds the lock,
   *     FAILED when the holder has not let go 10 s later (restart the agent then)
   */
  public String unlock(String app, String actor, String reason) {
    return new Unlock(parts).run(known(app), actor, reason);
  }

  private static RolloutStrategy strategyFor(StrategyConfig config) {
    return switch (config) {
      case StrategyConfig.BlueGreen blueGreen -> new BlueGreenStrategy();
      case StrategyConfig.Canary canary -> new CanaryStrategy(canary);
    };
  }
}
