package io.relevo.server;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.Store;
import io.relevo.process.ProcessStrays;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before recovery: stops the processes this state dir's agents started that no revision in history
 * claims (an agent killed between spawning a revision and recording its pid leaves one running).
 * Unlike {@link DockerStrays}, which only reports, these carry relevo's state-dir marker, so relevo
 * knows they are its own. It runs before recovery starts anything, so none of this agent's
 * processes can be taken for a stray.
 */
final class ProcessStraySweep {

  private static final Logger log = LoggerFactory.getLogger(ProcessStraySweep.class);
  private static final int ROLLOUTS_SEARCHED = 20;

  /** {@code runtime.stop_grace}'s default, for a revision whose config cannot be read again. */
  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  private ProcessStraySweep() {}

  /**
   * Stops the strays of {@code stateDir}, one log line and, if its rollout is known, one event
   * each.
   */
  static void run(Path stateDir, Store store, Map<String, String> env, InstantSource clock) {
    Set<Long> claimed = new HashSet<>();
    for (String app : store.apps()) {
      for (Revision revision : store.revisions(app)) {
        if (revision.instance() != null) {
          pid(revision.instance().id()).ifPresent(claimed::add);
        }
      }
    }
    for (ProcessStrays.Stray stray : ProcessStrays.find(stateDir, claimed)) {
      Duration grace = graceOf(store, stray, env);
      if (!ProcessStrays.stop(stray, grace)) {
        continue;
      }
      String message =
          "stopped process "
              + stray.pid()
              + " of revision "
              + stray.revision()
              + ": it was started by an agent that died before recording it, so history did not"
              + " know it";
      log.warn("{}: {}", stray.app(), message);
      rolloutOf(store, stray)
          .ifPresent(
              rollout ->
                  store.appendEvent(
                      rollout.id(),
                      new RolloutEvent(
                          clock.instant(),
                          "recover",
                          RolloutEvent.Status.WARNING,
                          message,
                          Duration.ZERO)));
    }
  }

  private static Optional<Long> pid(String id) {
    try {
      return Optional.of(Long.parseLong(id));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a container id: not a process of this runtime
    }
  }

  /** The revision's {@code runtime.stop_grace}, or the default when its config cannot be read. */
  private static Duration graceOf(Store store, ProcessStrays.Stray stray, Map<String, String> env) {
    try {
      return store
          .revision(stray.app(), stray.revision())
          .map(r -> ConfigLoader.parse(r.configFile(), r.configText(), env))
          .map(config -> config.runtime().stopGrace())
          .orElse(DEFAULT_GRACE);
    } catch (RuntimeException e) {
      return DEFAULT_GRACE;
    }
  }

  private static Optional<RolloutRecord> rolloutOf(Store store, ProcessStrays.Stray stray) {
    return store.rollouts(stray.app(), ROLLOUTS_SEARCHED).stream()
        .filter(rollout -> rollout.toRevision() == stray.revision())
        .findFirst();
  }
}
