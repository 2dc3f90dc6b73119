package io.relevo.core.engine;

import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutCheckpoint;
import io.relevo.core.store.RolloutCheckpoint.Phase;
import java.time.Instant;

/**
 * One run of a strategy: the app, the revision that serves now and the one that should.
 *
 * @param app the app
 * @param stable the revision serving when the rollout started, or null for a first deploy
 * @param candidate the new revision
 * @param candidateInstance where the new revision runs
 * @param promotion switches traffic
 * @param log the rollout's history
 * @param control promote and abort requests from people
 * @param parts the engine's ports, clock and sleeper
 * @param from where an earlier agent left this rollout (it resumes there); null for a fresh start
 */
record Rollout(
    LiveApp app,
    Revision stable,
    Revision candidate,
    Instance candidateInstance,
    Promotion promotion,
    RolloutLog log,
    RolloutControl control,
    EngineParts parts,
    RolloutCheckpoint from) {

  /** Where the stable revision runs, or null when there is none running. */
  Instance stableInstance() {
    return stable == null ? null : app.instances.get(stable.number());
  }

  /** Records in history where the rollout stands, so that an agent restart resumes it there. */
  void checkpoint(
      int step, int weight, Phase phase, Instant until, String analysis, int passed, int failed) {
    parts
        .store()
        .saveCheckpoint(
            new RolloutCheckpoint(
                log.rolloutId,
                app.name,
                step,
                weight,
                phase,
                until,
                analysis,
                passed,
                failed,
                parts.clock().instant()));
  }

  /** As {@link #checkpoint(int, int, Phase, Instant, String, int, int)} for a step's start. */
  void checkpoint(int step, int weight, Phase phase) {
    checkpoint(step, weight, phase, null, null, 0, 0);
  }
}
