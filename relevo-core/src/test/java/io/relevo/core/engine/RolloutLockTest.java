package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.relevo.core.RelevoException;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import io.relevo.core.testing.ManualClock;
import io.relevo.core.testing.SimulatedTraffic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * One rollout per app: a refusal says who holds the lock and since when; unlock ends a stuck one.
 */
class RolloutLockTest {

  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeRouter router = new FakeRouter();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeChecks checks = new FakeChecks(runtime);
  private final RolloutEngine engine =
      new RolloutEngine(
          new EngineParts(
              runtime,
              router,
              store,
              null,
              checks,
              checks,
              clock,
              clock,
              Path.of("/tmp/relevo-test"),
              Map.of(),
              new SimulatedTraffic(clock, router, runtime, 100)));

  private static final String YAML =
      """
      app: shop
      runtime:
        command: [run, "{version}"]
      strategy:
        canary:
          steps: [{weight: 10}, {pause: {}}, {weight: 100}]
      rollback:
        watch_after_promotion: 0s
      """;

  private RolloutRecord deploy(String version, String actor) {
    return engine.deploy(
        new DeployRequest(
            ConfigLoader.parse("relevo.yml", YAML, Map.of()),
            Path.of("/srv/shop"),
            version,
            actor,
            ""),
        RolloutListener.none());
  }

  /** v1 serves; v2's canary waits at an indefinite pause that nobody promotes. */
  private CompletableFuture<RolloutRecord> stuckCanary() {
    deploy("v1", "ana");
    CompletableFuture<RolloutRecord> stuck =
        CompletableFuture.supplyAsync(() -> deploy("v2", "ana"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                engine.status("shop").progress() != null
                    && engine.status("shop").progress().paused());
    return stuck;
  }

  @Test
  void aSecondRolloutIsRefusedNamingWhoHoldsTheLockAndSinceWhen() {
    CompletableFuture<RolloutRecord> stuck = stuckCanary();

    assertThatThrownBy(() -> deploy("v3", "bob"))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.CONFLICT))
        .hasMessageMatching(
            "a rollout of shop is under way \\(rollout 2, deploy of v2 by ana since"
                + " 2026-11-24T10:00:\\S+ \\(.+ ago\\)\\); wait for it to end, .*"
                + "`relevo unlock shop --reason \"...\"` ends it");
    engine.abort("shop", "ana", "end of test");
    assertThat(stuck.join().outcome()).isEqualTo(Outcome.ROLLED_BACK);
  }

  @Test
  void unlockEndsAStuckRolloutRecordsWhoAndWhyAndFreesTheApp() {
    CompletableFuture<RolloutRecord> stuck = stuckCanary();

    String released = engine.unlock("shop", "bob", "ana is on holiday, the pause is forgotten");

    assertThat(released).startsWith("rollout 2, deploy of v2 by ana since ");
    RolloutRecord ended = stuck.join();
    assertThat(ended.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(ended.outcomeReason())
        .startsWith("aborted by bob: unlocked: ana is on holiday, the pause is forgotten");
    assertThat(ended.events())
        .filteredOn(e -> e.step().equals("unlock"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(RolloutEvent.Status.WARNING);
              assertThat(e.message())
                  .startsWith(
                      "unlocked by bob: ana is on holiday, the pause is forgotten (held by rollout 2,"
                          + " deploy of v2 by ana since");
            });
    assertThat(router.servingRevision("shop")).isEqualTo(1);
    engine.stop("shop", "bob"); // the lock is free again: stop takes it and gives it back
    assertThat(router.servingRevision("shop")).isEqualTo(-1);
  }

  @Test
  void unlockWithNothingHoldingTheLockOrWithoutAReasonIsBadInput() {
    deploy("v1", "ana");

    assertThatThrownBy(() -> engine.unlock("shop", "bob", "stale"))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.NOT_FOUND))
        .hasMessage("nothing holds the rollout lock of shop; nothing to unlock");
    assertThatThrownBy(() -> engine.unlock("shop", "bob", " "))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
        .hasMessageStartingWith("unlock needs a reason");
  }
}
