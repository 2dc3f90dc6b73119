package io.relevo.core.engine;

import io.relevo.core.analysis.AnalysisRun;
import io.relevo.core.analysis.AnalysisState;
import io.relevo.core.analysis.Measurement;
import io.relevo.core.config.Durations;
import io.relevo.core.config.ProbeConfig;
import io.relevo.core.health.HealthResult;
import io.relevo.core.store.RolloutEvent.Status;
import java.time.Instant;

/**
 * What a canary rollout checks while it waits, every slice: the canary still runs, it still passes
 * its liveness check (or has not failed it for longer than {@code health.max_unhealthy}), and the
 * background analysis, if any, has not failed. A background analysis that ends otherwise (its
 * {@code count} decided, or inconclusive) is measured no more.
 */
final class CanaryWatch {

  private final Rollout rollout;
  private final AnalysisRun background;
  private Instant nextLiveness;
  private Instant unhealthySince;
  private Instant nextBackground;

  CanaryWatch(Rollout rollout, AnalysisRun background) {
    this.rollout = rollout;
    this.background = background;
    Instant now = rollout.parts().clock().instant();
    this.nextLiveness = now;
    this.nextBackground = background == null ? null : now.plus(background.template().interval());
  }

  void check() throws StepFailed {
    var instance = rollout.candidateInstance();
    var label = rollout.candidate().label();
    if (!instance.isAlive()) {
      throw new StepFailed(
          "canary revision "
              + label
              + " exited"
              + instance.exitCode().map(code -> " with code " + code).orElse("")
              + " during the rollout");
    }
    Instant now = rollout.parts().clock().instant();
    ProbeConfig liveness = rollout.app().config.health().liveness();
    if (liveness != null && !now.isBefore(nextLiveness)) {
      nextLiveness = now.plus(liveness.interval());
      HealthResult result = rollout.parts().health().check(instance.endpoint(), liveness);
      if (result.passed()) {
        unhealthySince = null;
      } else {
        unhealthySince = unhealthySince == null ? now : unhealthySince;
        var limit = rollout.app().config.health().maxUnhealthy();
        rollout
            .log()
            .event(
                "liveness",
                Status.PROGRESS,
                "canary liveness check failed: "
                    + result.detail()
                    + " (failing for "
                    + Durations.format(java.time.Duration.between(unhealthySince, now))
                    + ", limit "
                    + Durations.format(limit)
                    + ")");
        if (!now.isBefore(unhealthySince.plus(limit))) {
          throw new StepFailed(
              "canary revision "
                  + label
                  + " failed its liveness check for "
                  + Durations.format(limit)
                  + "; last: "
                  + result.detail());
        }
      }
    }
    if (background != null
        && background.state() == AnalysisState.RUNNING
        && !now.isBefore(nextBackground)) {
      nextBackground = now.plus(background.template().interval());
      Measurement measurement = background.measure();
      rollout
          .log()
          .event(
              "analysis",
              Status.PROGRESS,
              "background analysis " + background.template().name() + " " + measurement);
      AnalysisState state = background.state();
      if (state == AnalysisState.FAILED || state == AnalysisState.ERROR) {
        throw new StepFailed(background.reason());
      }
      if (state != AnalysisState.RUNNING) {
        // Passed its count, or inconclusive: it judges no more, and the steps go on.
        rollout
            .log()
            .event(
                "analysis",
                Status.INFO,
                "background analysis "
                    + background.template().name()
                    + " ended: "
                    + background.reason()
                    + "; it no longer judges this rollout, whose steps go on");
      }
    }
  }

  /**
   * When the next liveness check or background measurement is due, or null when neither is: a wait
   * wakes for it on time instead of at its next slice.
   */
  Instant nextDue() {
    Instant due = rollout.app().config.health().liveness() == null ? null : nextLiveness;
    if (background != null
        && background.state() == AnalysisState.RUNNING
        && (due == null || nextBackground.isBefore(due))) {
      due = nextBackground;
    }
    return due;
  }

  void stop() {
    if (background != null) {
      background.stop();
    }
  }
}
