package io.relevo.core.engine;

import io.relevo.core.analysis.AnalysisRun;
import io.relevo.core.analysis.AnalysisState;
import io.relevo.core.analysis.Measurement;
import io.relevo.core.config.Durations;
import io.relevo.core.config.ProbeConfig;
import io.relevo.core.health.HealthResult;
import io.relevo.core.store.RolloutEvent.Status;
import java.time.Duration;
import java.time.Instant;

/**
 * A canary rollout's waits, and what it checks while it waits: the canary still runs, it still
 * passes its liveness check (or has not failed it for longer than {@code health.max_unhealthy}),
 * and the background analysis, if any, has not failed. A background analysis that ends otherwise
 * (its {@code count} decided, or inconclusive) is measured no more.
 */
final class CanaryWatch {

  /**
   * The longest a wait sleeps before it looks at aborts and promotes. The canary's liveness checks
   * and background measurements wake it when they are due ({@link #nextDue}), so the slice bounds
   * only how long a {@code relevo promote}, or an abort's clean-up, waits to be seen (an abort
   * moves the traffic back at once, in the caller's thread). A second: with a background analysis
   * measuring every second the wait wakes once a second, and with 100 apps under analysis every
   * wake-up a second is 100, each ~45 µs of the agent's CPU.
   */
  static final Duration SLICE = Duration.ofSeconds(1);

  private static final Duration SHORTEST_SLEEP = Duration.ofMillis(1);

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

  /**
   * Waits until {@code end} (null = until promoted), checking aborts and promotes every slice, and
   * the canary when its checks are due.
   */
  void await(Instant end, boolean promotable) throws StepFailed, InterruptedException {
    var clock = rollout.parts().clock();
    while (true) {
      rollout.control().throwIfAborted();
      check();
      if (rollout.control().fullPromotion() || (promotable && rollout.control().takePromote())) {
        return;
      }
      Instant now = clock.instant();
      if (end != null && !now.isBefore(end)) {
        return;
      }
      Instant wake = now.plus(SLICE);
      if (end != null && end.isBefore(wake)) {
        wake = end;
      }
      Instant due = nextDue();
      if (due != null && due.isBefore(wake)) {
        wake = due;
      }
      Duration sleep = Duration.between(now, wake);
      rollout.parts().sleeper().sleep(sleep.compareTo(SHORTEST_SLEEP) < 0 ? SHORTEST_SLEEP : sleep);
    }
  }

  private void check() throws StepFailed {
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
                    + Durations.format(Duration.between(unhealthySince, now))
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
  private Instant nextDue() {
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
