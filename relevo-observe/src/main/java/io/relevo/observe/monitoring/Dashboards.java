package io.relevo.observe.monitoring;

/**
 * The Grafana dashboards of one app: deployments (timeline annotations, success rate, rollback
 * frequency, MTTR, traffic split) and per-revision traffic (rate, errors, p50/p95/p99 by role).
 */
public final class Dashboards {

  private Dashboards() {}

  public static String deployments(String app) {
    String a = "app=\"" + app + "\"";
    return new GrafanaJson("relevo-" + app + "-deploys", "relevo: " + app + " deployments", app)
        .annotation(
            "deploys started",
            "sum by (app, kind) (increase(deployment_started_total{" + a + "}[1m])) > 0",
            "blue")
        .annotation(
            "rollbacks",
            "sum by (app, reason) (increase(rollback_triggered_total{" + a + "}[1m])) > 0",
            "red")
        .panel(
            "stat",
            "Success rate",
            6,
            6,
            "percentunit",
            "sum(increase(deployment_completed_total{"
                + a
                + ",kind=\"deploy\",outcome=\"promoted\"}[$__range])) / sum(increase("
                + "deployment_completed_total{"
                + a
                + ",kind=\"deploy\"}[$__range]))",
            "promoted")
        .panel(
            "stat",
            "MTTR (rollback duration)",
            6,
            6,
            "s",
            "sum(increase(deployment_duration_seconds_sum{"
                + a
                + ",outcome=\"restored\"}[$__range])) / sum(increase("
                + "deployment_duration_seconds_count{"
                + a
                + ",outcome=\"restored\"}[$__range]))",
            "mean time to restore")
        .panel(
            "stat",
            "Deploys",
            6,
            6,
            "short",
            "sum(increase(deployment_started_total{" + a + ",kind=\"deploy\"}[$__range]))",
            "deploys")
        .panel(
            "stat",
            "Rollbacks",
            6,
            6,
            "short",
            "sum(increase(rollback_triggered_total{" + a + "}[$__range]))",
            "rollbacks")
        .panel(
            "timeseries",
            "Deployment timeline (ended, by outcome)",
            12,
            8,
            "short",
            "sum by (outcome) (increase(deployment_completed_total{" + a + "}[5m]))",
            "{{outcome}}")
        .panel(
            "timeseries",
            "Rollback frequency (per hour, by reason)",
            12,
            8,
            "short",
            "sum by (reason) (increase(rollback_triggered_total{" + a + "}[1h]))",
            "{{reason}}")
        .panel(
            "timeseries",
            "Traffic split (canary vs stable)",
            12,
            8,
            "percent",
            "sum by (role, version) (relevo_revision_weight_percent{" + a + "})",
            "{{role}} {{version}}")
        .panel(
            "timeseries",
            "Deployment duration p95",
            12,
            8,
            "s",
            "histogram_quantile(0.95, sum by (le, strategy) (rate("
                + "deployment_duration_seconds_bucket{"
                + a
                + "}[1h])))",
            "{{strategy}}")
        .panel(
            "timeseries",
            "Canary analysis (latest values)",
            24,
            8,
            "short",
            "relevo_analysis_value{" + a + "}",
            "{{analysis}} {{metric}} {{role}}")
        .text();
  }

  public static String traffic(String app) {
    String a = "app=\"" + app + "\"";
    String latency = "rate(relevo_http_request_duration_seconds_bucket{" + a + "}[5m])";
    return new GrafanaJson("relevo-" + app + "-traffic", "relevo: " + app + " traffic", app)
        .panel(
            "timeseries",
            "Requests per second by role",
            12,
            8,
            "reqps",
            "sum by (role, version) (rate(relevo_http_requests_total{" + a + "}[1m]))",
            "{{role}} {{version}}")
        .panel(
            "timeseries",
            "Error rate (5xx) by role",
            12,
            8,
            "percentunit",
            "sum by (role, version) (rate(relevo_http_requests_total{"
                + a
                + ",code=\"5xx\"}[1m])) / sum by (role, version) (rate(relevo_http_requests_total{"
                + a
                + "}[1m]))",
            "{{role}} {{version}}")
        .panel(
            "timeseries",
            "Latency p50 / p95 / p99 by role",
            24,
            9,
            "s",
            "histogram_quantile(0.50, sum by (role, le) (" + latency + "))",
            "p50 {{role}}",
            "histogram_quantile(0.95, sum by (role, le) (" + latency + "))",
            "p95 {{role}}",
            "histogram_quantile(0.99, sum by (role, le) (" + latency + "))",
            "p99 {{role}}")
        .panel(
            "timeseries",
            "Responses by code class",
            24,
            8,
            "reqps",
            "sum by (code, role) (rate(relevo_http_requests_total{" + a + "}[1m]))",
            "{{role}} {{code}}")
        .text();
  }
}
