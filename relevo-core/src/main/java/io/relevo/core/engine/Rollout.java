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
 */
record Rollout(
    LiveApp app,
    Revision stable,
    Revision candidate,
    Instance candidateInstance,
    Promotion promotion,
    RolloutLog log) {}
