package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.testing.ManualClock;
import io.relevo.server.v1.DeployBody;
import io.relevo.server.v1.RolloutOutcome;
import io.relevo.server.v1.RolloutView;
import io.relevo.server.v1.TokenCreateBody;
import io.relevo.store.CloseableStore;
import io.relevo.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals name tokens: a token that asked for a deploy cannot approve it, whatever the request
 * body claims, and the approval group lists token names.
 */
class ApprovalIdentityTest {

  private static final String CONFIG =
      """
      app: shop
      env: production
      runtime:
        command: [run]
      gates:
        approvals:
          production:
            quorum: 1
            groups: {leads: [ops, lead]}
      """;

  @TempDir Path stateDir;
  private CloseableStore store;
  private ApiServer api;
  private RolloutEngine engine;

  @BeforeEach
  void start() {
    store = Stores.sqlite(stateDir.resolve("history.db"));
    engine = TestAgents.engine(stateDir, new AtomicBoolean(true));
    api =
        ApiServer.start(
            new HostPort("127.0.0.1", 0),
            ApiTls.OFF,
            ApiParts.of(
                    "local-secret",
                    engine,
                    (file, text) -> ConfigLoader.parse(file, text, Map.of()))
                .withAccess(Access.of("local-secret", store.tokens(), new ManualClock())));
  }

  @AfterEach
  void stop() {
    api.close();
    store.close();
  }

  @Test
  void theTokenThatAskedCannotApproveEvenClaimingAnotherNameAndAnotherApproverCan() {
    AgentClient local = AgentClient.of(api.url(), "local-secret");
    AgentClient ops =
        AgentClient.of(
            api.url(), local.tokens().create(new TokenCreateBody("ops", "admin", null)).token());
    AgentClient lead =
        AgentClient.of(
            api.url(),
            local.tokens().create(new TokenCreateBody("lead", "approver", null)).token());
    CompletableFuture<RolloutView> deploy =
        CompletableFuture.supplyAsync(
            () ->
                ops.deploy(
                    "shop",
                    new DeployBody("/srv/shop/relevo.yml", CONFIG, "1.0.0", "ops", ""),
                    (id, e) -> {}));
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> engine.status("shop").alerts().stream().anyMatch(a -> a.startsWith("pending")));

    assertThatThrownBy(() -> ops.approve("shop", 1, "lead"))
        .hasMessage(
            "ops asked for rollout 1 of shop and cannot approve it (expected: another person)");
    assertThat(lead.approve("shop", 1, "ops")).startsWith("1 of 1 approvals (lead, leads)");

    RolloutView done = deploy.join();
    assertThat(done.outcome()).isEqualTo(RolloutOutcome.PROMOTED);
    assertThat(done.actor()).isEqualTo("ops");
  }
}
