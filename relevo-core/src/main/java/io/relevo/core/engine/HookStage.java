package io.relevo.core.engine;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.HookCommand;
import io.relevo.core.config.HooksConfig.Point;
import io.relevo.core.hooks.HookResult;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the config's hooks at their points of a rollout, each with the revision's environment plus
 * {@code RELEVO_APP}, {@code RELEVO_VERSION}, {@code RELEVO_REVISION}, {@code RELEVO_ROLLOUT} and
 * {@code RELEVO_OUTCOME}, and records each run as a {@code hook} event. Only {@code pre_deploy} can
 * stop anything: the others are recorded, since what they follow has already happened.
 */
final class HookStage {

  private final EngineParts parts;

  HookStage(EngineParts parts) {
    this.parts = parts;
  }

  /** Runs {@code pre_deploy}; throws with its output's tail when it fails. */
  void beforeDeploy(AppConfig config, Path baseDir, Revision candidate, RolloutLog log)
      throws StepFailed {
    Optional<HookResult> result =
        run(Point.PRE_DEPLOY, config, baseDir, candidate, log.rolloutId, "", log);
    if (result.isPresent() && !result.get().ok()) {
      throw new StepFailed(
          "pre_deploy hook " + result.get().describe() + tail(result.get().outputTail()));
    }
  }

  /** Runs a hook whose failure cannot change what happened; the result is recorded only. */
  void after(
      Point point,
      AppConfig config,
      Path baseDir,
      Revision revision,
      String outcome,
      RolloutLog log) {
    run(point, config, baseDir, revision, log.rolloutId, outcome, log);
  }

  private Optional<HookResult> run(
      Point point,
      AppConfig config,
      Path baseDir,
      Revision revision,
      long rolloutId,
      String outcome,
      RolloutLog log) {
    Optional<HookCommand> hook = config.hooks().at(point);
    if (hook.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> env = new HashMap<>(parts.env());
    config
        .runtime()
        .env()
        .forEach((k, v) -> env.put(k, v.replace("{version}", revision.version())));
    env.put("RELEVO_APP", config.app());
    env.put("RELEVO_VERSION", revision.version());
    env.put("RELEVO_REVISION", String.valueOf(revision.number()));
    env.put("RELEVO_ROLLOUT", String.valueOf(rolloutId));
    env.put("RELEVO_OUTCOME", outcome);
    HookResult result;
    try {
      result = parts.hooks().run(hook.get(), env, baseDir);
    } catch (RuntimeException e) {
      result = HookResult.failed("could not run: " + e + " (this is a bug)", "", Duration.ZERO);
    }
    Status status =
        result.ok() ? Status.OK : (point == Point.PRE_DEPLOY ? Status.FAILED : Status.WARNING);
    log.event(
        "hook",
        status,
        point.key()
            + " "
            + String.join(" ", hook.get().command())
            + ": "
            + result.describe()
            + (result.ok() ? "" : tail(result.outputTail())),
        result.took());
    return Optional.of(result);
  }

  private static String tail(String output) {
    return output.isBlank() ? "" : "; output:\n" + output.stripTrailing();
  }
}
