package io.relevo.observe;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.relevo.core.config.NotifyEvent;
import io.relevo.core.notify.Notifier;
import io.relevo.core.notify.RolloutNotice;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Kind;
import java.util.Locale;

/**
 * The runbooks' deployment metrics, counted from the engine's notices (never from the proxy's
 * request path): {@code deployment_started_total}, {@code deployment_completed_total{outcome}},
 * {@code deployment_duration_seconds} and {@code rollback_triggered_total{reason}}. Labels take few
 * values: the app, its env, the strategy, the outcome and a reason class.
 */
final class DeploymentMetrics implements Notifier {

  /** 1 s to 1 h: a blue-green switch takes seconds, a canary with pauses up to an hour. */
  private static final double[] DURATION_BOUNDS = {
    1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600
  };

  private final Counter started;
  private final Counter completed;
  private final Histogram duration;
  private final Counter rollbacks;

  DeploymentMetrics(PrometheusRegistry registry) {
    started =
        Counter.builder()
            .name("deployment_started_total")
            .help("Rollouts started: deploys and rollbacks")
            .labelNames("app", "env", "strategy", "kind")
            .register(registry);
    completed =
        Counter.builder()
            .name("deployment_completed_total")
            .help("Rollouts ended, by outcome: promoted, restored, failed, rolled_back, aborted")
            .labelNames("app", "env", "strategy", "kind", "outcome")
            .register(registry);
    duration =
        Histogram.builder()
            .name("deployment_duration_seconds")
            .help("Time from a rollout's start to its end")
            .labelNames("app", "env", "strategy", "outcome")
            .classicOnly()
            .classicUpperBounds(DURATION_BOUNDS)
            .register(registry);
    rollbacks =
        Counter.builder()
            .name("rollback_triggered_total")
            .help(
                "Traffic sent back to an earlier revision: manual (a person), or automatic by"
                    + " analysis, health, watch or other")
            .labelNames("app", "env", "reason")
            .register(registry);
  }

  @Override
  public void notify(RolloutNotice notice) {
    RolloutRecord r = notice.rollout();
    String kind = r.kind().name().toLowerCase(Locale.ROOT);
    switch (notice.event()) {
      case STARTED -> {
        started.labelValues(r.app(), notice.env(), r.strategy(), kind).inc();
        if (r.kind() == Kind.ROLLBACK) {
          String reason = "relevo".equals(r.actor()) ? "automatic" : "manual";
          rollbacks.labelValues(r.app(), notice.env(), reason).inc();
        }
      }
      case WAITING_FOR_APPROVAL -> {}
      default -> finished(notice, r, kind);
    }
  }

  private void finished(RolloutNotice notice, RolloutRecord r, String kind) {
    String outcome = r.outcome().name().toLowerCase(Locale.ROOT);
    completed.labelValues(r.app(), notice.env(), r.strategy(), kind, outcome).inc();
    duration
        .labelValues(r.app(), notice.env(), r.strategy(), outcome)
        .observe(notice.durationSeconds());
    if (r.kind() == Kind.DEPLOY && notice.event() == NotifyEvent.ROLLED_BACK) {
      rollbacks.labelValues(r.app(), notice.env(), reasonClass(r.outcomeReason())).inc();
    }
  }

  /** A few values only, so the label stays bounded whatever the message says. */
  static String reasonClass(String outcomeReason) {
    String text = outcomeReason == null ? "" : outcomeReason.toLowerCase(Locale.ROOT);
    if (text.contains("watch")) {
      return "watch";
    }
    if (text.contains("analysis")) {
      return "analysis";
    }
    if (text.contains("health") || text.contains("liveness") || text.contains("exited")) {
      return "health";
    }
    return "other";
  }
}
