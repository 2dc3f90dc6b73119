package io.relevo.core.engine;

import io.relevo.core.config.ProbeConfig;
import io.relevo.core.health.HealthProbe;
import io.relevo.core.health.HealthResult;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Checks the serving revision's liveness between rollouts, on the probe's interval, and says so
 * when it fails {@code retries} times in a row (and when it recovers). It does not restart or roll
 * back by itself: a serving revision that stops answering its liveness check is an alert for a
 * person, shown by {@code relevo status}.
 */
final class LivenessMonitor {

  private static final Logger LOG = Logger.getLogger(LivenessMonitor.class.getName());

  private final HealthProbe probe;
  private int revision = -1;
  private Instant nextCheck = Instant.MIN;
  private int failures;
  private Instant unhealthySince;
  private String alert;

  LivenessMonitor(HealthProbe probe) {
    this.probe = probe;
  }

  /** Checks {@code serving} if its liveness check is due. */
  synchronized void check(
      String app, Revision serving, Instance instance, ProbeConfig liveness, Instant now) {
    if (serving.number() != revision) {
      revision = serving.number();
      failures = 0;
      unhealthySince = null;
      alert = null;
      nextCheck =
          serving.createdAt() == null ? now : serving.createdAt().plus(liveness.startPeriod());
    }
    if (now.isBefore(nextCheck)) {
      return;
    }
    nextCheck = now.plus(liveness.interval());
    HealthResult result = probe.check(instance.endpoint(), liveness);
    if (result.passed()) {
      if (alert != null) {
        LOG.info(
            app
                + ": revision "
                + serving.label()
                + " passes its liveness check again: "
                + result.detail());
      }
      failures = 0;
      unhealthySince = null;
      alert = null;
      return;
    }
    failures++;
    unhealthySince = unhealthySince == null ? now : unhealthySince;
    if (failures >= liveness.retries()) {
      boolean first = alert == null;
      alert =
          "revision "
              + serving.label()
              + " fails its liveness check since "
              + unhealthySince
              + " ("
              + failures
              + " in a row); last: "
              + result.detail();
      if (first) {
        LOG.warning(
            app
                + ": "
                + alert
                + "; roll back with `relevo rollback "
                + app
                + "` if users are hurt");
      }
    }
  }

  /** The current alert, if the serving revision is unhealthy. */
  synchronized Optional<String> alert() {
    return Optional.ofNullable(alert);
  }
}
