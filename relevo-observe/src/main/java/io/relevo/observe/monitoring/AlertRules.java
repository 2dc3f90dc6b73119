package io.relevo.observe.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus alert rules for one app, from the runbooks' rules that apply to relevo's metrics:
 * service down, error rate and p95 latency per revision, deployment failed, rollback triggered,
 * deployment slow, canary analysis failing, the agent's CPU and memory, a stale backup.
 */
public final class AlertRules {

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .disable(YAMLGenerator.Feature.SPLIT_LINES));

  private AlertRules() {}

  /**
   * The rule file's text.
   *
   * @param app the app
   * @param job the Prometheus job that scrapes the agent
   * @param thresholds the limits
   * @param forOverride every rule's {@code for:} instead of the runbooks', or null to keep them
   * @param evaluationInterval the group's {@code interval:}, or null for Prometheus' global one
   */
  public static String yaml(
      String app,
      String job,
      Thresholds thresholds,
      Duration forOverride,
      Duration evaluationInterval) {
    String a = "app=\"" + app + "\"";
    String by = "app, revision, version, role";
    List<Map<String, Object>> rules = new ArrayList<>();
    rules.add(
        rule(
            "RelevoAgentDown",
            "up{job=\"" + job + "\"} == 0",
            "1m",
            "critical",
            "relevo agent {{ $labels.instance }} is down",
            "Prometheus cannot scrape the agent: no deploys, rollbacks or proxy metrics. Start it:"
                + " relevo agent (revisions kept running and are adopted)."));
    rules.add(
        rule(
            "RelevoServiceDown",
            "absent(relevo_revision_weight_percent{" + a + "})",
            "1m",
            "critical",
            app + " has no revision taking traffic",
            "No revision of " + app + " is in the proxy's split. Check: relevo status " + app));
    rules.add(
        rule(
            "RelevoHighErrorRate",
            "sum by ("
                + by
                + ") (rate(relevo_http_requests_total{"
                + a
                + ",code=\"5xx\"}[5m])) / sum by ("
                + by
                + ") (rate(relevo_http_requests_total{"
                + a
                + "}[5m])) > "
                + thresholds.errorRate(),
            "5m",
            "critical",
            app
                + " revision {{ $labels.revision }} ({{ $labels.version }}) answers"
                + " {{ $value | humanizePercentage }} 5xx",
            "Above "
                + Math.round(thresholds.errorRate() * 1000) / 10.0
                + "% for the window. Roll back: relevo rollback "
                + app));
    rules.add(
        rule(
            "RelevoHighLatencyP95",
            "histogram_quantile(0.95, sum by ("
                + by
                + ", le) (rate(relevo_http_request_duration_seconds_bucket{"
                + a
                + "}[5m]))) > "
                + thresholds.latencyP95().toMillis() / 1000.0,
            "3m",
            "critical",
            app + " revision {{ $labels.revision }} p95 is {{ $value | humanizeDuration }}",
            "p95 above "
                + thresholds.latencyP95().toMillis() / 1000.0
                + " s. Roll back: relevo"
                + " rollback "
                + app));
    rules.add(
        rule(
            "RelevoDeploymentFailed",
            "increase(deployment_completed_total{"
                + a
                + ",outcome=~\"failed|rolled_back\"}[10m])"
                + " > 0",
            "0m",
            "critical",
            "a rollout of " + app + " ended {{ $labels.outcome }}",
            "See relevo history " + app));
    rules.add(
        rule(
            "RelevoRollbackTriggered",
            "increase(rollback_triggered_total{" + a + "}[10m]) > 0",
            "0m",
            "critical",
            app + " was rolled back ({{ $labels.reason }})",
            "See relevo history " + app + " for the evidence"));
    rules.add(
        rule(
            "RelevoDeploymentSlow",
            "sum by (app) (increase(deployment_duration_seconds_count{"
                + a
                + "}[1h])) - sum by (app) (increase(deployment_duration_seconds_bucket{"
                + a
                + ",le=\"600.0\"}[1h])) > 0",
            "0m",
            "warning",
            "a rollout of " + app + " took more than 10 minutes",
            "Deployment duration above 10 min in the last hour"));
    rules.add(
        rule(
            "RelevoCanaryAnalysisFailing",
            "relevo_analysis_verdict{" + a + ",verdict=\"fail\"} == 1",
            "0m",
            "warning",
            app + " analysis {{ $labels.analysis }} fails on {{ $labels.metric }}",
            "The canary is being judged worse than stable; relevo rolls it back on its own"));
    rules.add(
        rule(
            "RelevoAgentHighCpu",
            "rate(process_cpu_seconds_total{job=\"" + job + "\"}[5m]) > 0.8",
            "5m",
            "warning",
            "relevo agent CPU above 80%",
            "The agent (proxy included) uses more than 0.8 cores"));
    rules.add(
        rule(
            "RelevoAgentHighMemory",
            "sum by (instance) (jvm_memory_used_bytes{job=\""
                + job
                + "\",area=\"heap\"}) / sum by (instance) (jvm_memory_max_bytes{job=\""
                + job
                + "\",area=\"heap\"}) > 0.85",
            "5m",
            "warning",
            "relevo agent heap above 85%",
            "Heap use of the agent's JVM"));
    rules.add(
        rule(
            "RelevoBackupStale",
            "relevo_backup_age_seconds{job=\"" + job + "\"} > 93600",
            "0m",
            "warning",
            "the history's newest backup is older than 26 h",
            "Backups of relevo's history stopped"));
    if (forOverride != null) {
      String f = prometheusDuration(forOverride);
      rules.forEach(r -> r.put("for", f));
    }
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", "relevo-" + app);
    if (evaluationInterval != null) {
      group.put("interval", prometheusDuration(evaluationInterval));
    }
    group.put("rules", rules);
    try {
      return YAML.writeValueAsString(Map.of("groups", List.of(group)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> rule(
      String name, String expr, String forTime, String severity, String summary, String text) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("alert", name);
    rule.put("expr", expr);
    rule.put("for", forTime);
    rule.put("labels", Map.of("severity", severity));
    rule.put("annotations", new LinkedHashMap<>(Map.of("summary", summary, "description", text)));
    return rule;
  }

  /** {@code 90s}, {@code 1500ms}: Prometheus' duration syntax. */
  static String prometheusDuration(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
