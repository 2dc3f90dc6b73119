package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.SteadyLoad;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strategy: canary} with no analysis configured, through the real agent, real processes of
 * the example app and real traffic through the real proxy: what a new user gets. A canary answering
 * only 5xx and one answering 20% 5xx are rolled back by the default analysis; a good one walks the
 * whole ramp and is promoted.
 */
class DefaultAnalysisEndToEndIT {

  @TempDir Path dir;

  @Test
  void theDefaultAnalysisRollsBackBadCanariesAndPromotesAGoodOne() throws Exception {
    int port = io.relevo.core.runtime.FreePort.pick();
    try (Agent agent =
        Agent.start(
            new AgentOptions(new StateDir(dir.resolve("state")), new HostPort("127.0.0.1", 0)))) {
      RolloutEngine engine = agent.engine();
      assertThat(engine.deploy(request(port, "v1"), RolloutListener.none()).outcome())
          .isEqualTo(Outcome.PROMOTED);
      try {
        rolledBack(engine, port, "v2-err100");
        rolledBack(engine, port, "v3-err20");
        try (SteadyLoad load = SteadyLoad.start(port)) {
          RolloutRecord good = engine.deploy(request(port, "v4"), RolloutListener.none());

          assertThat(good.outcome()).as(good.outcomeReason()).isEqualTo(Outcome.PROMOTED);
          assertThat(load.failed.get()).as("failures: %s", load.firstFailures()).isZero();
          System.out.printf(
              "good canary with the default analysis: promoted after %d ms, %d requests%n",
              Duration.between(good.startedAt(), good.finishedAt()).toMillis(), load.sent.get());
        }
      } finally {
        engine.stop("shop", "test"); // the agent leaves revisions running when it closes
      }
    }
  }

  private void rolledBack(RolloutEngine engine, int port, String version) throws Exception {
    try (SteadyLoad load = SteadyLoad.start(port)) {
      Thread.sleep(500);
      RolloutRecord bad = engine.deploy(request(port, version), RolloutListener.none());

      assertThat(bad.outcome()).as(bad.outcomeReason()).isEqualTo(Outcome.ROLLED_BACK);
      assertThat(bad.outcomeReason())
          .contains("analysis default failed")
          .contains("traffic is back on revision 1 (v1)");
      var weight = ExampleAppRollouts.at(bad, "weight");
      var abort = ExampleAppRollouts.at(bad, "abort");
      System.out.printf(
          "%s with the default analysis: exposed %d ms, %d failed of %d requests%n",
          version, Duration.between(weight, abort).toMillis(), load.failed.get(), load.sent.get());
      assertThat(load.failed.get()).isLessThanOrEqualTo(load.answersFrom(version));
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
        strategy: canary
        proxy:
          drain_timeout: 5s
        """
            .formatted(ExampleAppRollouts.command(), port);
    return new DeployRequest(
        ConfigLoader.parse("relevo.yml", yaml, Map.of()), dir, version, "test", "");
  }
}
