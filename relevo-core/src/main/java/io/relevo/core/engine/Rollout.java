package io.relevo.core.engine;

import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;

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
 */
record Rollout(
    LiveApp app,
    Revision stable,
    Revision candidate,
    Instance candidateInstance,
    Promotion promotion,
    RolloutLog log,
    RolloutControl control,
    EngineParts parts) {

  /** Where the stable revision runs, or null when there is none running. */
  Instance stableInstance() {
    return stable == null ? null : app.instances.get(stable.number());
  }
}
