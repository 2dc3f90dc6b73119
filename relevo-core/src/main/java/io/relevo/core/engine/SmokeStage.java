package io.relevo.core.engine;

import io.relevo.core.Plural;
import io.relevo.core.config.SmokeCheck;
import io.relevo.core.health.SmokeResult;
import io.relevo.core.health.SmokeRunner;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.RolloutEvent.Status;
import java.util.List;

/** Sends every smoke check to a revision directly, before it takes any traffic. */
final class SmokeStage {

  private final SmokeRunner runner;

  SmokeStage(SmokeRunner runner) {
    this.runner = runner;
  }

  /** Runs all checks (so the user sees every failure at once); throws if any failed. */
  void run(Instance instance, List<SmokeCheck> checks, RolloutLog log) throws StepFailed {
    if (checks.isEmpty()) {
      return;
    }
    log.event(
        "smoke",
        Status.STARTED,
        Plural.count(checks.size(), "smoke check") + " against " + instance.endpoint());
    int failed = 0;
    String firstFailure = null;
    for (SmokeCheck check : checks) {
      SmokeResult result = runner.run(instance.endpoint(), check);
      log.event(
          "smoke", result.passed() ? Status.OK : Status.FAILED, result.detail(), result.took());
      if (!result.passed()) {
        failed++;
        firstFailure = firstFailure == null ? result.detail() : firstFailure;
      }
    }
    if (failed > 0) {
      throw new StepFailed(
          failed
              + " of "
              + Plural.count(checks.size(), "smoke check")
              + " failed; first: "
              + firstFailure);
    }
  }
}
