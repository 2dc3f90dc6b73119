package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.runtime.FreePort;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.SteadyLoad;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event stream of the real agent (its production wiring, the proxy in a process of its own)
 * during a canary of the example app under steady load: what a dashboard sees.
 */
@Timeout(180)
class EventStreamIT {

  @TempDir Path dir;

  @Test
  void aCanaryUnderLoadStreamsWeightsAnalysisAndTrafficAndTheAgentsStopEndsTheStream()
      throws Exception {
    int port = FreePort.pick();
    Agent agent =
        Agent.start(
            new AgentOptions(new StateDir(dir.resolve("state")), new HostPort("127.0.0.1", 0)));
    var engine = agent.engine();
    try {
      assertThat(engine.deploy(request(port, "v1"), RolloutListener.none()).outcome())
          .isEqualTo(Outcome.PROMOTED);
      String token = agent.stateDir().readToken().orElseThrow();
      try (SteadyLoad load = SteadyLoad.start(port);
          SseClient client = SseClient.open(agent.url(), token, "shop", null)) {
        assertThat(client.status).isEqualTo(200);
        assertThat(client.next().type()).isEqualTo("status");

        RolloutRecord rollout = engine.deploy(request(port, "v2"), RolloutListener.none());
        assertThat(rollout.outcome()).as(rollout.outcomeReason()).isEqualTo(Outcome.PROMOTED);

        List<Integer> canary = new ArrayList<>();
        List<JsonNode> analysis = new ArrayList<>();
        List<JsonNode> traffic = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        int messages = 0;
        long bytes = 0;
        SseEvent event;
        do {
          event = client.next();
          java.time.Instant received = client.lastReceivedAt();
          messages++;
          bytes += event.data().length();
          JsonNode data =
              event.type().equals("ended") ? null : Json.mapper().readTree(event.data());
          switch (event.type()) {
            case "weights" -> {
              delays.add(
                  Duration.between(java.time.Instant.parse(data.path("at").asText()), received)
                          .toNanos()
                      / 1000);
              for (JsonNode share : data.path("weights")) {
                if (share.path("version").asText().equals("v2")) {
                  canary.add(share.path("weight").asInt());
                }
              }
            }
            case "analysis" -> analysis.add(data);
            case "traffic" -> traffic.add(data);
            default -> {}
          }
        } while (!(event.type().equals("rollout")
            && event.data().contains("\"step\":\"rollout\"")
            && !event.data().contains("STARTED")));

        assertThat(canary).containsExactly(10, 50, 100);
        assertThat(analysis)
            .isNotEmpty()
            .allSatisfy(
                a -> {
                  assertThat(a.path("rolloutId").asLong()).isEqualTo(rollout.id());
                  assertThat(a.path("verdict").asText()).isIn("PASS", "INCONCLUSIVE");
                })
            .anySatisfy(
                a -> {
                  assertThat(a.path("metric").asText()).isEqualTo("error_rate");
                  assertThat(a.path("threshold").asDouble()).isEqualTo(0.05);
                  assertThat(a.path("value").isNumber()).isTrue();
                });
        assertThat(traffic)
            .as("traffic during a canary of several seconds under load")
            .anySatisfy(
                t ->
                    assertThat(t.path("revisions"))
                        .anySatisfy(r -> assertThat(r.path("rps").asDouble()).isPositive()));

        engine.stop("shop", "test"); // the agent leaves revisions running when it closes
        long start = System.nanoTime();
        agent.close();
        while (!client.ended()) {
          client.next(Duration.ofSeconds(10));
        }
        System.out.printf(
            "canary weights %s, each received %s µs after the split changed; %d messages (%d"
                + " analysis, %d traffic), %d KiB of data; stream ended %d ms after the agent"
                + " began to stop%n",
            canary,
            delays,
            messages,
            analysis.size(),
            traffic.size(),
            bytes / 1024,
            (System.nanoTime() - start) / 1_000_000);
      }
    } finally {
      agent.close();
    }
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
            steps: [{weight: 10}, {analysis: fast}, {weight: 50}, {analysis: fast}, {weight: 100}]
        analysis:
          fast: {interval: 1s, count: 2, min_requests: 20, failure_limit: 0}
        rollback:
          watch_after_promotion: 0s
        proxy:
          drain_timeout: 2s
        """
            .formatted(ExampleAppRollouts.command(), port);
    return new DeployRequest(
        ConfigLoader.parse("relevo.yml", yaml, Map.of()), dir, version, "test", "");
  }
}
