package io.relevo.observe.monitoring;

import io.relevo.core.config.AppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Writes an app's alert rules and dashboards into a folder; returns the files written. */
public final class MonitoringFiles {

  private MonitoringFiles() {}

  /**
   * Writes {@code APP-alerts.yml}, {@code APP-deployments.json} and {@code APP-traffic.json}.
   *
   * @param forOverride every rule's {@code for:}, or null for the runbooks'
   * @param evaluationInterval the rule group's {@code interval:}, or null
   */
  public static List<Path> write(
      AppConfig config, String job, Path dir, Duration forOverride, Duration evaluationInterval)
      throws IOException {
    Files.createDirectories(dir);
    String app = config.app();
    Path rules = dir.resolve(app + "-alerts.yml");
    Files.writeString(
        rules, AlertRules.yaml(app, job, Thresholds.of(config), forOverride, evaluationInterval));
    Path deployments = dir.resolve(app + "-deployments.json");
    Files.writeString(deployments, Dashboards.deployments(app));
    Path traffic = dir.resolve(app + "-traffic.json");
    Files.writeString(traffic, Dashboards.traffic(app));
    return List.of(rules, deployments, traffic);
  }
}
