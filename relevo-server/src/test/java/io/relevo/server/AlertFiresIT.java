package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.runtime.FreePort;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.PrometheusProcess;
import io.relevo.core.testing.SteadyLoad;
import io.relevo.observe.monitoring.MonitoringFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated alert rules in a real Prometheus that scrapes a real agent: a revision answering
 * 20% errors under real traffic fires {@code RelevoHighErrorRate} (with {@code for:} set to 0s and
 * a 1 s evaluation interval, so the test stays short).
 */
class AlertFiresIT {

  @TempDir Path dir;

  @Test
  void aRevisionsRisingErrorRateFiresTheHighErrorRateAlert() throws Exception {
    PrometheusProcess.require("prometheus");
    int port = FreePort.pick();
    try (Agent agent =
        Agent.start(
            new AgentOptions(new StateDir(dir.resolve("state")), new HostPort("127.0.0.1", 0)))) {
      var engine = agent.engine();
      AppConfig config =
          ConfigLoader.parse(
              "relevo.yml",
              """
              app: shop
              runtime:
                command: %s
              listen: 127.0.0.1:%d
              health:
                readiness: {path: /api/v1/healthz, interval: 200ms, retries: 5, start_period: 10s}
              """
                  .formatted(ExampleAppRollouts.command(), port),
              Map.of());
      Path rules =
          MonitoringFiles.write(
                  config, "relevo", dir.resolve("monitoring"), Duration.ZERO, Duration.ofSeconds(1))
              .getFirst();
      try (PrometheusProcess prometheus =
          PrometheusProcess.start(
              dir.resolve("prometheus"),
              """
              global: {scrape_interval: 1s, evaluation_interval: 1s}
              rule_files: ['%s']
              scrape_configs:
                - job_name: relevo
                  static_configs: [{targets: ['%s']}]
              """
                  .formatted(rules, agent.url().getAuthority()))) {
        try {
          assertThat(
                  engine
                      .deploy(
                          new DeployRequest(config, dir, "v1-err20", "test", ""),
                          RolloutListener.none())
                      .outcome())
              .isEqualTo(Outcome.PROMOTED);
          try (SteadyLoad load = SteadyLoad.start(port)) {
            await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(firing(prometheus)).isNotNull());
          }
          JsonNode alert = firing(prometheus);
          assertThat(alert.path("labels").path("revision").asText()).isEqualTo("1");
          assertThat(alert.path("labels").path("version").asText()).isEqualTo("v1-err20");
          assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical");
        } finally {
          engine.stop("shop", "test");
        }
      }
    }
  }

  private static JsonNode firing(PrometheusProcess prometheus) throws Exception {
    JsonNode alerts = Json.mapper().readTree(prometheus.get("/api/v1/alerts"));
    for (JsonNode a : alerts.path("data").path("alerts")) {
      if (a.path("labels").path("alertname").asText().equals("RelevoHighErrorRate")
          && a.path("state").asText().equals("firing")) {
        return a;
      }
    }
    return null;
  }
}
