package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.StrategyConfig;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutCheckpoint;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Decides, at an agent's start, what becomes of the deploy the last agent left under way: carried
 * on from its checkpoint when its revisions still run and its config still loads (the canary keeps
 * its share meanwhile), finished when its switch was already done, and otherwise rolled back to
 * stable with the reason in history.
 */
final class InFlightDeploy {

  private static final Logger LOG = Logger.getLogger(InFlightDeploy.class.getName());
  private static final Set<Revision.State> RESUMABLE =
      EnumSet.of(
          Revision.State.STARTING,
          Revision.State.READY,
          Revision.State.CANARY,
          Revision.State.SERVING);

  private final EngineParts parts;
  private final LiveApp live;
  private final Retirement retirement;
  private final Function<Revision, AppConfig> configOf;

  InFlightDeploy(
      EngineParts parts,
      LiveApp live,
      Retirement retirement,
      Function<Revision, AppConfig> configOf) {
    this.parts = parts;
    this.live = live;
    this.retirement = retirement;
    this.configOf = configOf;
  }

  /**
   * What to resume of {@code rollout}, or empty when it was ended here.
   *
   * @param stable the app's stable revision as history has it now
   */
  Optional<Resumption> resumeOrEnd(RolloutRecord rollout, Revision stable) {
    Revision candidate = parts.store().revision(live.name, rollout.toRevision()).orElse(null);
    RolloutLog log = new RolloutLog(rollout.id(), parts, RolloutListener.none());
    if (candidate != null
        && stable != null
        && stable.number() == candidate.number()
        && candidate.state() == Revision.State.SERVING) {
      parts.store().clearCheckpoint(rollout.id());
      log.finish(
          Outcome.PROMOTED,
          "revision "
              + candidate.label()
              + " serves all traffic (the switch was done when the agent stopped)");
      return Optional.empty();
    }
    Instance instance = candidate == null ? null : live.instances.get(candidate.number());
    Instance stableInstance = stable == null ? null : live.instances.get(stable.number());
    AppConfig config = null;
    String why = null;
    if (candidate == null) {
      why = "revision " + rollout.toRevision() + " is not in history";
    } else if (instance == null || !instance.isAlive()) {
      why = "revision " + candidate.label() + " no longer runs";
    } else if (!RESUMABLE.contains(candidate.state())) {
      why = "revision " + candidate.label() + " is " + candidate.state().name().toLowerCase();
    } else if (rollout.fromRevision() != null
        && (stable == null || stable.number() != rollout.fromRevision())) {
      why = "the stable revision changed since it started";
    } else if (rollout.fromRevision() != null && stableInstance == null) {
      why = "its stable revision " + stable.label() + " no longer runs";
    } else {
      try {
        config = configOf.apply(candidate);
        if (!strategyName(config.strategy()).equals(rollout.strategy())) {
          why = "its config no longer names the " + rollout.strategy() + " strategy";
        }
      } catch (RelevoException e) {
        why = e.getMessage().replace("\n", "; ");
      }
    }
    RolloutCheckpoint from = parts.store().checkpoint(rollout.id()).orElse(null);
    if (why != null) {
      end(rollout, candidate, stable, stableInstance, from, why, log);
      return Optional.empty();
    }
    if (from != null && from.weight() > 0 && stableInstance != null) {
      // The canary keeps its share from the first moment the front door is open again.
      boolean sticky = config.strategy() instanceof StrategyConfig.Canary canary && canary.sticky();
      parts
          .router()
          .route(
              live.name,
              new TrafficSplit(
                  List.of(
                      new TrafficSplit.Backend(
                          stable.number(), stableInstance.endpoint(), 100 - from.weight()),
                      new TrafficSplit.Backend(
                          candidate.number(), instance.endpoint(), from.weight())),
                  sticky));
    }
    Resumption resumption =
        new Resumption(
            rollout,
            rollout.fromRevision() == null ? null : stable,
            candidate,
            instance,
            config,
            Recovery.baseDirOf(candidate),
            from);
    LOG.info(
        live.name
            + ": resuming rollout "
            + rollout.id()
            + " of revision "
            + candidate.label()
            + " "
            + resumption.where(steps(config)));
    return Optional.of(resumption);
  }

  /**
   * Rolls the deploy back: all traffic on stable (recovery routed it), the new revision stopped.
   */
  private void end(
      RolloutRecord rollout,
      Revision candidate,
      Revision stable,
      Instance stableInstance,
      RolloutCheckpoint from,
      String why,
      RolloutLog log) {
    boolean hadShare =
        (candidate != null && candidate.state() == Revision.State.CANARY)
            || (from != null && from.weight() > 0);
    if (stableInstance != null) {
      parts.router().route(live.name, TrafficSplit.all(stable.number(), stableInstance.endpoint()));
    }
    if (candidate != null) {
      if (live.instances.containsKey(candidate.number())) {
        retirement.retire(live, candidate, Revision.State.FAILED, log);
      } else if (RolloutEngine.RUNNING_STATES.contains(candidate.state())) {
        parts.store().saveRevision(candidate.withState(Revision.State.FAILED).withInstance(null));
      }
    }
    parts.store().clearCheckpoint(rollout.id());
    String where =
        stableInstance == null
            ? "no revision serves " + live.name
            : (hadShare ? "traffic is back on revision " : "traffic stays on revision ")
                + stable.label();
    String reason =
        "the agent stopped during this rollout and it could not be resumed: " + why + "; " + where;
    LOG.warning(live.name + ": rollout " + rollout.id() + " " + reason);
    log.finish(hadShare ? Outcome.ROLLED_BACK : Outcome.FAILED, reason);
  }

  static String strategyName(StrategyConfig strategy) {
    return switch (strategy) {
      case StrategyConfig.BlueGreen blueGreen -> "bluegreen";
      case StrategyConfig.Canary canary -> "canary";
    };
  }

  private static int steps(AppConfig config) {
    return config.strategy() instanceof StrategyConfig.Canary canary ? canary.steps().size() : 1;
  }
}
