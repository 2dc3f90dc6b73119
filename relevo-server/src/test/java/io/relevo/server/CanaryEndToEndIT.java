package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.SteadyLoad;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary rollouts through the real agent: real processes of the example app, real traffic through
 * the real proxy, the analysis reading the proxy's own counters. A canary with 20% errors is rolled
 * back by the analysis alone; a good one walks up every step.
 */
class CanaryEndToEndIT {

  @TempDir Path dir;

  @Test
  void badCanaryIsRolledBackByTheAnalysisAndAGoodOneIsPromoted() throws Exception {
    int port = io.relevo.core.runtime.FreePort.pick();
    try (Agent agent =
        Agent.start(
            new AgentOptions(
                new StateDir(dir.resolve("state")),
                new io.relevo.core.config.HostPort("127.0.0.1", 0)))) {
      var engine = agent.engine();
      assertThat(engine.deploy(request(port, "v1"), RolloutListener.none()).outcome())
          .isEqualTo(Outcome.PROMOTED);
      try (SteadyLoad load = SteadyLoad.start(port)) {
        Thread.sleep(1_000);
        story(engine, port, load);
      } finally {
        engine.stop("shop", "test"); // the agent leaves revisions running when it closes
      }
    }
  }

  private void story(io.relevo.core.engine.RolloutEngine engine, int port, SteadyLoad load)
      throws Exception {
    RolloutRecord bad = engine.deploy(request(port, "v2-err20"), RolloutListener.none());

    assertThat(bad.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(bad.outcomeReason())
        .contains("analysis fast failed")
        .contains("error-rate: canary")
        .contains("traffic is back on revision 1 (v1)");
    Instant firstWeight = ExampleAppRollouts.at(bad, "weight");
    Instant abort = ExampleAppRollouts.at(bad, "abort");
    Thread.sleep(500);
    Instant lastCanary = load.lastAnswerFrom("v2-err20");
    long canary = load.answersFrom("v2-err20");
    System.out.printf(
        "bad canary: exposed %d ms, %d requests answered by it (%d failed of %d in all);"
            + " last canary answer %d ms after the abort event%n",
        Duration.between(firstWeight, abort).toMillis(),
        canary,
        load.failed.get(),
        load.sent.get(),
        Duration.between(abort, lastCanary).toMillis());
    assertThat(lastCanary).isBefore(abort.plusMillis(200));
    assertThat(canary).isPositive();
    assertThat(load.failed.get())
        .as("failures: %s", load.firstFailures())
        .isLessThanOrEqualTo(canary);

    long failedBefore = load.failed.get();
    RolloutRecord good = engine.deploy(request(port, "v3"), RolloutListener.none());

    assertThat(good.outcome()).as(good.outcomeReason()).isEqualTo(Outcome.PROMOTED);
    assertThat(good.events())
        .filteredOn(e -> e.step().equals("weight"))
        .extracting(RolloutEvent::message)
        .anySatisfy(m -> assertThat(m).startsWith("10% of traffic on canary revision 3 (v3)"))
        .anySatisfy(m -> assertThat(m).startsWith("50% of traffic on canary revision 3 (v3)"));
    Thread.sleep(300);
    assertThat(load.failed.get()).isEqualTo(failedBefore);
    assertThat(load.lastVersion.get()).isEqualTo("v3");
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
        proxy:
          drain_timeout: 5s
        """
            .formatted(ExampleAppRollouts.command(), port);
    return new DeployRequest(
        ConfigLoader.parse("relevo.yml", yaml, Map.of()), dir, version, "test", "");
  }
}
