package io.relevo.core.engine;

import io.relevo.core.config.AppConfig;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutCheckpoint;
import io.relevo.core.store.RolloutRecord;
import java.nio.file.Path;

/**
 * A deploy that an earlier agent left under way and that this one carries on.
 *
 * @param rollout the deploy, still running in history
 * @param stable the revision that served when it started, re-adopted; null for a first deploy
 * @param candidate the new revision, re-adopted
 * @param instance where the new revision runs
 * @param config the config the new revision was deployed with
 * @param baseDir the folder of that config
 * @param from where the rollout stood; null when it had not passed its smoke checks
 */
record Resumption(
    RolloutRecord rollout,
    Revision stable,
    Revision candidate,
    Instance instance,
    AppConfig config,
    Path baseDir,
    RolloutCheckpoint from) {

  /** Where it resumes, for people: {@code step 3 of 6 (pause, 20s left)}. */
  String where(int steps) {
    if (from == null) {
      return candidate.state() == Revision.State.STARTING
          ? "waiting for revision " + candidate.label() + " to get ready"
          : "at its smoke checks";
    }
    return switch (from.phase()) {
      case READY -> "before its first step";
      case PROMOTING -> "at the switch to 100%";
      default ->
          "at step "
              + Math.min(from.step() + 1, steps)
              + " of "
              + steps
              + " ("
              + from.phase().name().toLowerCase(java.util.Locale.ROOT)
              + ", canary at "
              + from.weight()
              + "%)";
    };
  }
}
