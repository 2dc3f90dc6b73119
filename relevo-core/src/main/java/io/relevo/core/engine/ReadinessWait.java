package io.relevo.core.engine;

import io.relevo.core.Plural;
import io.relevo.core.config.Durations;
import io.relevo.core.config.HealthConfig;
import io.relevo.core.config.ProbeConfig;
import io.relevo.core.health.HealthProbe;
import io.relevo.core.health.HealthResult;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Waits for a new revision to pass its readiness check, with Docker HEALTHCHECK's rules: one pass
 * makes it ready; failures during the start period are not counted; {@code retries} counted
 * failures in a row make it unhealthy; and it must be ready within {@code health.ready_timeout}.
 */
final class ReadinessWait {

  static final int LOG_LINES_ON_FAILURE = 10;

  private final HealthProbe probe;
  private final InstantSource clock;
  private final Sleeper sleeper;

  ReadinessWait(HealthProbe probe, InstantSource clock, Sleeper sleeper) {
    this.probe = probe;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Returns once the revision is ready; throws with the last result and log lines otherwise. */
  HealthResult await(Revision revision, Instance instance, HealthConfig health, RolloutLog log)
      throws StepFailed, InterruptedException {
    return await(revision, instance, health, log, null);
  }

  /** As {@link #await}, and stops early when {@code control} (if any) is aborted. */
  HealthResult await(
      Revision revision,
      Instance instance,
      HealthConfig health,
      RolloutLog log,
      RolloutControl control)
      throws StepFailed, InterruptedException {
    ProbeConfig readiness = health.readiness();
    Instant start = clock.instant();
    Instant startPeriodEnd = start.plus(readiness.startPeriod());
    Instant deadline = start.plus(health.readyTimeout());
    int attempts = 0;
    int counted = 0;
    log.event(
        "ready",
        Status.STARTED,
        "waiting for revision "
            + revision.label()
            + " to be ready at "
            + instance.endpoint()
            + " (every "
            + Durations.format(readiness.interval())
            + ", "
            + Plural.count(readiness.retries(), "failure")
            + " allowed, deadline "
            + Durations.format(health.readyTimeout())
            + ")");
    while (true) {
      if (control != null) {
        control.throwIfAborted();
      }
      if (!instance.isAlive()) {
        throw new StepFailed(
            "revision "
                + revision.label()
                + " exited"
                + instance.exitCode().map(code -> " with code " + code).orElse("")
                + " before it became ready"
                + logTail(instance));
      }
      HealthResult result = probe.check(instance.endpoint(), readiness);
      attempts++;
      Instant now = clock.instant();
      if (result.passed()) {
        log.event(
            "ready",
            Status.OK,
            "ready after " + Plural.count(attempts, "check") + ": " + result.detail(),
            Duration.between(start, now));
        return result;
      }
      boolean starting = now.isBefore(startPeriodEnd);
      if (!starting) {
        counted++;
      }
      log.event(
          "ready",
          Status.PROGRESS,
          "check "
              + attempts
              + ": "
              + result.detail()
              + (starting
                  ? " (start period, not counted)"
                  : " (" + counted + "/" + readiness.retries() + ")"));
      if (counted >= readiness.retries()) {
        throw new StepFailed(
            "revision "
                + revision.label()
                + " is unhealthy: "
                + Plural.count(counted, "readiness check")
                + " failed in a row; last: "
                + result.detail()
                + logTail(instance));
      }
      if (!now.plus(readiness.interval()).isBefore(deadline)) {
        throw new StepFailed(
            "revision "
                + revision.label()
                + " was not ready within "
                + Durations.format(health.readyTimeout())
                + "; last check: "
                + result.detail()
                + logTail(instance));
      }
      sleeper.sleep(readiness.interval());
    }
  }

  private static String logTail(Instance instance) {
    var lines = instance.logTail(LOG_LINES_ON_FAILURE);
    if (lines.isEmpty()) {
      return "";
    }
    return "\nlast log lines:\n  " + String.join("\n  ", lines);
  }
}
