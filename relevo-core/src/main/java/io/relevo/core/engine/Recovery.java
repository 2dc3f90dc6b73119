package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Brings one app back after an agent restart: re-adopts the revisions that still run (by their
 * recorded pid or container), closes rollouts the last agent left open, and restores routing. An
 * agent started without a variable the config needs still re-adopts and routes (see {@link
 * #configForRecovery}); it only will not start a revision from that config.
 */
final class Recovery {

  private static final Logger LOG = Logger.getLogger(Recovery.class.getName());

  private final EngineParts parts;
  private final RolloutEngine engine;
  private final RevisionLauncher launcher;
  private final Retirement retirement;
  private final RevisionEnv env;

  Recovery(
      EngineParts parts,
      RolloutEngine engine,
      RevisionLauncher launcher,
      Retirement retirement,
      RevisionEnv env) {
    this.parts = parts;
    this.engine = engine;
    this.launcher = launcher;
    this.retirement = retirement;
    this.env = env;
  }

  /**
   * What recovery brought back of one app.
   *
   * @param live the app, its running revisions re-adopted and its front door open
   * @param problem what a person should know, in one line: why its config was read without some
   *     variables, or why its stable revision was not restarted; empty when all came back
   * @param resumption the deploy the last agent left under way, to carry on from its checkpoint;
   *     empty when there is none, or it could not be resumed (then it was rolled back)
   */
  record Recovered(LiveApp live, Optional<String> problem, Optional<Resumption> resumption) {}

  /**
   * Recovers one app, or returns empty when it has no revision.
   *
   * @throws RelevoException when its config does not load even with unset variables read as empty
   */
  Optional<Recovered> recover(String app) {
    Revision stable = engine.stable(app);
    Revision newest = parts.store().revisions(app).stream().findFirst().orElse(null);
    Revision configured = stable != null ? stable : newest;
    if (configured == null) {
      return Optional.empty();
    }
    Loaded loaded = configForRecovery(configured);
    LiveApp live = new LiveApp(app, loaded.config(), baseDirOf(configured));
    String unsealed = env.problem(configured);
    Optional<String> problem =
        loaded
            .missing()
            .map(
                missing ->
                    partialConfig(configured, missing)
                        + (unsealed.isEmpty() ? "" : " (" + unsealed + ")"));
    problem.ifPresent(p -> LOG.warning(app + ": " + p));
    RolloutRecord inFlight = inFlightDeploy(app).orElse(null);
    int inFlightRevision = inFlight == null ? -1 : inFlight.toRevision();
    // A revision a rollback was starting again served before: stopping it says nothing against it.
    Set<Integer> rollbackTargets =
        parts.store().rollouts(app, 20).stream()
            .filter(r -> r.outcome() == Outcome.RUNNING && r.kind() == RolloutRecord.Kind.ROLLBACK)
            .map(RolloutRecord::toRevision)
            .collect(Collectors.toSet());
    closeUnfinishedRollouts(app, inFlight);
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
      if (adopted.isPresent()
          && (isStable
              || revision.number() == inFlightRevision
              || revision.state() == Revision.State.WARM
              || revision.state() == Revision.State.SERVING)) {
        live.instances.put(revision.number(), adopted.get());
        if (!isStable
            && revision.state() == Revision.State.SERVING
            && revision.number() != inFlightRevision) {
          // It served until a switch whose rollout the last agent did not finish: keep it warm.
          parts
              .store()
              .saveRevision(
                  revision
                      .withState(Revision.State.WARM)
                      .withKeepUntil(
                          parts.clock().instant().plus(live.config.rollback().keepPrevious())));
        }
        LOG.info(
            app
                + ": re-adopted revision "
                + revision.label()
                + " ("
                + revision.instance().id()
                + ")");
      } else if (adopted.isPresent()) {
        // Started by a rollout that never finished and cannot go on; its share goes, and so does
        // it.
        parts.runtime().stop(adopted.get(), live.config.runtime().stopGrace());
        parts
            .store()
            .saveRevision(
                revision
                    .withState(
                        rollbackTargets.contains(revision.number())
                            ? Revision.State.STOPPED
                            : Revision.State.FAILED)
                    .withInstance(null));
      } else {
        Revision.State gone =
            revision.state() == Revision.State.SERVING || revision.state() == Revision.State.WARM
                ? Revision.State.CRASHED
                : rollbackTargets.contains(revision.number())
                    ? Revision.State.STOPPED
                    : Revision.State.FAILED;
        parts.store().saveRevision(revision.withState(gone).withInstance(null));
        LOG.warning(app + ": revision " + revision.label() + " was no longer running");
      }
    }
    parts.router().open(app, live.config);
    if (stable != null) {
      Instance instance = live.instances.get(stable.number());
      if (instance == null && loaded.missing().isPresent()) {
        // Started without the variables, it would run with empty values for them: not ours to do.
        problem =
            Optional.of(
                "revision "
                    + stable.label()
                    + " was not running and was not restarted: the agent's environment does not"
                    + " set "
                    + loaded.missing().get()
                    + ", which its config needs; restart the agent with it set, or deploy again");
        LOG.warning(app + ": " + problem.get());
      } else if (instance == null) {
        instance = restartStable(live, stable);
      }
    }
    Optional<Resumption> resumption =
        inFlight == null
            ? Optional.empty()
            : new InFlightDeploy(parts, live, retirement, this::configOf)
                .resumeOrEnd(inFlight, engine.stable(app));
    Revision serving = engine.stable(app);
    Instance servingInstance = serving == null ? null : live.instances.get(serving.number());
    boolean canaryShare =
        resumption.map(r -> r.from() != null && r.from().weight() > 0).orElse(false);
    if (servingInstance != null && !canaryShare) {
      parts.router().route(app, TrafficSplit.all(serving.number(), servingInstance.endpoint()));
    }
    new WatchResumption(parts).resume(live, engine.stable(app));
    LastKnownGood.refresh(parts.store(), app);
    return Optional.of(new Recovered(live, problem, resumption));
  }

  /** The newest deploy the last agent left running, if any (a restart of stable is not one). */
  private Optional<RolloutRecord> inFlightDeploy(String app) {
    return parts.store().rollouts(app, 20).stream()
        .filter(
            r ->
                r.outcome() == Outcome.RUNNING
                    && r.kind() == RolloutRecord.Kind.DEPLOY
                    && !"restart".equals(r.strategy()))
        .findFirst();
  }

  private static String partialConfig(Revision revision, String missing) {
    return "the agent's environment does not set "
        + missing
        + ", which the config of revision "
        + revision.label()
        + " needs: its running revisions were re-adopted and its front door reopened with the"
        + " config read without it, but relevo will not start a revision from that config;"
        + " restart the agent with it set, or deploy again";
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
    RolloutLog log = new RolloutLog(id, parts, RolloutListener.none(), live.config);
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
   * Ends the rollouts the last agent left running other than {@code resumable} (rollbacks and
   * restarts): they were refused before a switch, or, for a deploy whose revision had a canary
   * share, rolled back (recovery routes all traffic to stable).
   */
  private void closeUnfinishedRollouts(String app, RolloutRecord resumable) {
    for (RolloutRecord rollout : parts.store().rollouts(app, 20)) {
      if (rollout.outcome() != Outcome.RUNNING
          || (resumable != null && rollout.id() == resumable.id())) {
        continue;
      }
      boolean hadShare =
          rollout.kind() == RolloutRecord.Kind.DEPLOY
              && parts
                  .store()
                  .revision(app, rollout.toRevision())
                  .map(r -> r.state() == Revision.State.CANARY)
                  .orElse(false);
      parts.store().clearCheckpoint(rollout.id());
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
      return ConfigLoader.parse(revision.configFile(), revision.configText(), env.of(revision));
    } catch (RelevoException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "the config of revision "
              + revision.label()
              + " no longer loads: "
              + e.getMessage().replace("\n", "; "),
          e);
    }
  }

  /**
   * A config to re-adopt revisions and reopen the front door with.
   *
   * @param config the config in force after recovery
   * @param missing the {@code ${VAR}}s it needs and the agent's environment does not set, read as
   *     empty in {@code config}, like {@code ${DB_PASSWORD}}; empty when the config loaded whole
   */
  private record Loaded(AppConfig config, Optional<String> missing) {}

  /**
   * The revision's config read with the agent's environment; when that lacks variables the config
   * needs, read again with those variables empty. The stored text is the config before
   * interpolation, so the listen address, proxy settings, checks and runtime type come out as
   * deployed unless they use those variables; such a config is good to adopt what still runs and to
   * route to it, never to start a revision with (it would run with empty secrets).
   *
   * @throws RelevoException the first reading's problems, when the second does not load either
   */
  private Loaded configForRecovery(Revision revision) {
    try {
      return new Loaded(configOf(revision), Optional.empty());
    } catch (RelevoException e) {
      Map<String, String> known = env.of(revision);
      Set<String> unset = unsetVariables(revision.configText(), known);
      if (unset.isEmpty()) {
        throw e;
      }
      Map<String, String> withEmpty = new HashMap<>(known);
      unset.forEach(name -> withEmpty.put(name, ""));
      try {
        AppConfig config =
            ConfigLoader.parse(revision.configFile(), revision.configText(), withEmpty);
        return new Loaded(
            config,
            Optional.of(
                unset.stream().map(name -> "${" + name + "}").collect(Collectors.joining(", "))));
      } catch (RelevoException stillBroken) {
        throw e;
      }
    }
  }

  /** {@code ${NAME}} without a default and not {@code $${} escaped. */
  private static final Pattern REQUIRED_VARIABLE =
      Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /** The variables {@code text} needs without a default that {@code env} does not set, in order. */
  static Set<String> unsetVariables(String text, Map<String, String> env) {
    Set<String> unset = new LinkedHashSet<>();
    Matcher m = REQUIRED_VARIABLE.matcher(text);
    while (m.find()) {
      if (env.get(m.group(1)) == null) {
        unset.add(m.group(1));
      }
    }
    return unset;
  }

  static Path baseDirOf(Revision revision) {
    Path parent = Path.of(revision.configFile()).toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }
}
