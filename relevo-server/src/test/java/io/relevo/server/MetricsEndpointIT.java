package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.runtime.FreePort;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.SteadyLoad;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's {@code /metrics} with real parts: a real agent, the example app as real processes,
 * real traffic through the proxy, scraped over HTTP without a token as Prometheus does.
 */
class MetricsEndpointIT {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesDeploymentsTrafficAnalysisAndProcessMetricsAndDropsAFailedCanarysSeries()
      throws Exception {
    int port = FreePort.pick();
    try (Agent agent =
        Agent.start(
            new AgentOptions(new StateDir(dir.resolve("state")), new HostPort("127.0.0.1", 0)))) {
      var engine = agent.engine();
      try {
        assertThat(engine.deploy(request(port, "v1"), RolloutListener.none()).outcome())
            .isEqualTo(Outcome.PROMOTED);
        try (SteadyLoad load = SteadyLoad.start(port)) {
          Thread.sleep(1_000);
          String during = scrape(agent, "text/plain").body();
          assertThat(
                  counter(during, "relevo_http_requests_total", "revision=\"1\"", "code=\"2xx\""))
              .isPositive();
          assertThat(during)
              .contains(
                  "relevo_revision_weight_percent{app=\"shop\",env=\"production\",revision=\"1\","
                      + "role=\"stable\",version=\"v1\"} 100.0")
              .contains(
                  "deployment_completed_total{app=\"shop\",env=\"production\",kind=\"deploy\","
                      + "outcome=\"promoted\"")
              .contains("process_cpu_seconds_total")
              .contains("jvm_threads_current");

          assertThat(engine.deploy(request(port, "v2-err20"), RolloutListener.none()).outcome())
              .isEqualTo(Outcome.ROLLED_BACK);
        }
        HttpResponse<String> after = scrape(agent, "application/openmetrics-text");
        assertThat(after.headers().firstValue("Content-Type").orElse(""))
            .startsWith("application/openmetrics-text");
        assertThat(after.body())
            .doesNotContainPattern("relevo_http_requests_total\\{[^}]*revision=\"2\"")
            .doesNotContainPattern("relevo_revision_weight_percent\\{[^}]*revision=\"2\"")
            .contains(
                "rollback_triggered_total{app=\"shop\",env=\"production\",reason=\"analysis\"} 1.0")
            .contains(
                "relevo_analysis_verdict{analysis=\"fast\",app=\"shop\",metric=\"error-rate\",verdict=\"fail\"} 1.0")
            .contains(
                "deployment_started_total{app=\"shop\",env=\"production\",kind=\"deploy\",strategy=\"canary\"} 2.0")
            .endsWith("# EOF\n");
      } finally {
        engine.stop("shop", "test"); // the agent leaves revisions running when it closes
      }
    }
  }

  private HttpResponse<String> scrape(Agent agent, String accept) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(agent.url() + "/metrics"))
                .header("Accept", accept)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  /** The value of the first series of {@code name} whose labels contain every fragment. */
  private static double counter(String text, String name, String... fragments) {
    Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(text);
    while (m.find()) {
      String labels = m.group(1);
      boolean all = true;
      for (String f : fragments) {
        all &= labels.contains(f);
      }
      if (all) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError(
        "no " + name + " with " + String.join(",", fragments) + " in\n" + text);
  }

  private DeployRequest request(int port, String version) throws Exception {
    String yaml =
        """
        app: shop
        runtime:
          command: %s
        listen: 127.0.0.1:%d
        health:
          readiness: {path: /api/v1/healthz, interval: 200ms, retries: 5, start_period: 10s}
        strategy:
          canary:
            steps: [{weight: 20}, {analysis: fast}, {weight: 100}]
        analysis:
          fast: {interval: 1s, count: 2, min_requests: 20, failure_limit: 0}
        proxy:
          drain_timeout: 5s
        """
            .formatted(ExampleAppRollouts.command(), port);
    return new DeployRequest(
        ConfigLoader.parse("relevo.yml", yaml, Map.of()), dir, version, "test", "");
  }
}
