package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import io.relevo.core.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A revision with a canary share is recorded as such, and every way out of it leaves it right. */
class CanaryStateTest {

  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeRouter router = new FakeRouter();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeChecks checks = new FakeChecks(runtime);
  private final RolloutEngine engine = engine(router, store);

  private RolloutEngine engine(FakeRouter router, InMemoryStore store) {
    return new RolloutEngine(
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
            Map.of()));
  }

  private RolloutRecord deploy(String version) {
    return engine.deploy(
        new DeployRequest(
            ConfigLoader.parse(
                "relevo.yml",
                """
                app: shop
                runtime:
                  command: [run, "{version}"]
                strategy:
                  canary:
                    steps: [{weight: 10}, {pause: {}}, {weight: 100}]
                """,
                Map.of()),
            Path.of("/srv/shop"),
            version,
            "ana",
            ""),
        RolloutListener.none());
  }

  private CompletableFuture<RolloutRecord> pausedAtTenPercent(String version) {
    deploy("v1");
    CompletableFuture<RolloutRecord> rollout = CompletableFuture.supplyAsync(() -> deploy(version));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                engine.status("shop").progress() != null
                    && engine.status("shop").progress().paused());
    return rollout;
  }

  private Revision.State state(int revision) {
    return store.revision("shop", revision).orElseThrow().state();
  }

  @Test
  void aRevisionTakingACanaryShareIsInStateCanaryUntilPromoted() {
    CompletableFuture<RolloutRecord> rollout = pausedAtTenPercent("v2");

    assertThat(engine.status("shop").running())
        .extracting(Revision::number, Revision::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, Revision.State.CANARY),
            org.assertj.core.groups.Tuple.tuple(1, Revision.State.SERVING));

    engine.promote("shop", true, "ana");
    assertThat(rollout.join().outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(state(2)).isEqualTo(Revision.State.SERVING);
    assertThat(state(1)).isEqualTo(Revision.State.WARM);
  }

  @Test
  void anAbortedCanaryEndsFailed() {
    CompletableFuture<RolloutRecord> rollout = pausedAtTenPercent("v2");

    engine.abort("shop", "ana", "wrong build");

    assertThat(rollout.join().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(state(2)).isEqualTo(Revision.State.FAILED);
    assertThat(state(1)).isEqualTo(Revision.State.SERVING);
  }

  @Test
  void anAgentRestartDuringACanaryResumesItWithItsShareAndAnAbortThenRollsItBack() {
    CompletableFuture<RolloutRecord> rollout = pausedAtTenPercent("v2");
    long rolloutId = engine.status("shop").activeRollout().id();
    // The new agent reads history as the old one left it; the old one's thread writes on alone.
    InMemoryStore history = copyOf(store);
    FakeRouter freshRouter = new FakeRouter();
    RolloutEngine restarted = engine(freshRouter, history);

    restarted.recover();

    assertThat(freshRouter.current("shop").backends())
        .extracting(b -> b.revision() + ":" + b.weight())
        .containsExactly("1:90", "2:10");
    assertThat(history.revision("shop", 2).orElseThrow().state()).isEqualTo(Revision.State.CANARY);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                restarted.status("shop").progress() != null
                    && restarted.status("shop").progress().paused());
    assertThat(restarted.status("shop").activeRollout().id()).isEqualTo(rolloutId);

    restarted.abort("shop", "ana", "seen enough");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> history.rollout(rolloutId).orElseThrow().outcome() != Outcome.RUNNING);
    assertThat(freshRouter.servingRevision("shop")).isEqualTo(1);
    assertThat(history.revision("shop", 2).orElseThrow().state()).isEqualTo(Revision.State.FAILED);
    assertThat(runtime.running("v2")).isEmpty();
    assertThat(history.rollout(rolloutId).orElseThrow().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    rollout.join(); // the old agent's thread saw its canary go
  }

  private static InMemoryStore copyOf(InMemoryStore from) {
    InMemoryStore copy = new InMemoryStore();
    from.revisions("shop").forEach(copy::saveRevision);
    from.appState("shop").ifPresent(copy::saveAppState);
    for (RolloutRecord r : from.rollouts("shop", 100).reversed()) {
      long id = copy.startRollout(r);
      r.events().forEach(e -> copy.appendEvent(id, e));
      if (r.outcome() != Outcome.RUNNING) {
        copy.finishRollout(id, r.outcome(), r.outcomeReason(), r.finishedAt());
      }
      from.checkpoint(r.id()).ifPresent(copy::saveCheckpoint);
    }
    return copy;
  }
}
