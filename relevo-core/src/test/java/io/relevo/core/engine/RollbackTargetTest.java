package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.history.RevisionVerdict;
import io.relevo.core.history.RevisionVerdict.Mark;
import io.relevo.core.store.Revision;
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

/** Where `relevo rollback` goes, and what history says of each revision. */
class RollbackTargetTest {

  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeRouter router = new FakeRouter();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeChecks checks = new FakeChecks(runtime);
  private SimulatedTraffic traffic;
  private final RolloutEngine engine = engine(100);

  private RolloutEngine engine(double requestsPerSecond) {
    traffic = new SimulatedTraffic(clock, router, runtime, requestsPerSecond);
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
            Map.of(),
            traffic));
  }

  /** Blue-green, keeping the previous revision warm for {@code keep}. */
  private static AppConfig blueGreen(String keep) {
    return ConfigLoader.parse(
        "relevo.yml",
        """
        app: shop
        runtime:
          command: [run, "{version}"]
        rollback:
          keep_previous: %s
          watch_after_promotion: 0s
        """
            .formatted(keep),
        Map.of());
  }

  /** A canary whose promotion is watched for five minutes. */
  private static AppConfig canary(String steps) {
    return ConfigLoader.parse(
        "relevo.yml",
        """
        app: shop
        runtime:
          command: [run, "{version}"]
        strategy:
          canary:
            steps: %s
        analysis:
          default:
            interval: 10s
            count: 3
            min_requests: 50
            metrics:
              - {name: error-rate, builtin: error_rate, fail_if: "canary - stable > 0.05"}
        rollback:
          watch_after_promotion: 5m
        """
            .formatted(steps),
        Map.of());
  }

  private static final String RAMP = "[{weight: 10}, {analysis: default}, {weight: 100}]";

  private RolloutRecord deploy(AppConfig config, String version) {
    return engine.deploy(
        new DeployRequest(config, Path.of("/srv/shop"), version, "ana", ""),
        RolloutListener.none());
  }

  private RolloutRecord rollback(Integer to, String reason) {
    return engine.rollback(new RollbackRequest("shop", to, "ana", reason), RolloutListener.none());
  }

  private Mark mark(int revision) {
    return engine.revisions("shop").stream()
        .filter(v -> v.revision() == revision)
        .findFirst()
        .orElseThrow()
        .mark();
  }

  @Test
  void rollbackGoesToTheLastKnownGoodRevisionWarmFirst() {
    deploy(blueGreen("10m"), "v1");
    deploy(blueGreen("10m"), "v2"); // v1 warm for 10 minutes
    deploy(blueGreen("1m"), "v3"); // v2 warm for 1 minute
    clock.advance(Duration.ofMinutes(2));
    engine.tick();
    assertThat(store.revision("shop", 2).orElseThrow().state()).isEqualTo(Revision.State.STOPPED);
    int startsBefore = runtime.started.size();

    RolloutRecord rollback = rollback(null, "errors after release");

    assertThat(rollback.toRevision()).as("v1 still runs; v2 would be a restart").isEqualTo(1);
    assertThat(rollback.strategy()).isEqualTo("switch");
    assertThat(runtime.started).hasSize(startsBefore);
    assertThat(router.servingRevision("shop")).isEqualTo(1);
    assertThat(rollback.events())
        .filteredOn(e -> e.step().equals("target"))
        .singleElement()
        .extracting(RolloutEvent::message)
        .asString()
        .isEqualTo(
            "revision 1 (v1) is the newest good revision still running: served all traffic"
                + " after rollout 1");
  }

  @Test
  void rollbackRestartsTheNewestGoodRevisionWhenNoneIsWarm() {
    deploy(blueGreen("0s"), "v1");
    deploy(blueGreen("0s"), "v2");
    deploy(blueGreen("0s"), "v3");

    RolloutRecord rollback = rollback(null, "");

    assertThat(rollback.toRevision()).isEqualTo(2);
    assertThat(rollback.strategy()).isEqualTo("restart");
    assertThat(rollback.outcome()).isEqualTo(Outcome.RESTORED);
  }

  @Test
  void rollbackSkipsARevisionTheWatchRolledBack() {
    deploy(canary(RAMP), "v1");
    clock.advance(Duration.ofMinutes(1));
    assertThat(deploy(canary(RAMP), "v2").outcome()).isEqualTo(Outcome.PROMOTED);
    traffic.turnBad("v2");
    for (int i = 0; i < 30 && router.servingRevision("shop") == 2; i++) {
      clock.advance(Duration.ofSeconds(10));
      engine.tick();
    }
    assertThat(router.servingRevision("shop")).as("the watch rolled v2 back").isEqualTo(1);
    assertThat(deploy(canary(RAMP), "v3").outcome()).isEqualTo(Outcome.PROMOTED);
    int startsBefore = runtime.started.size();

    RolloutRecord rollback = rollback(null, "v3 looks wrong");

    assertThat(rollback.toRevision())
        .as("v2 is the newest before v3, but the watch rolled it back")
        .isEqualTo(1);
    assertThat(rollback.strategy()).isEqualTo("switch");
    assertThat(runtime.started).hasSize(startsBefore);
    assertThat(mark(2)).isEqualTo(Mark.BAD);
    assertThat(engine.revisions("shop").get(1).why())
        .startsWith("rolled back by relevo in rollout 3: revision 2 (v2) failed the watch");
  }

  @Test
  void historyMarksRevisionsGoodBadOrUnknown() {
    deploy(canary(RAMP), "v1");
    deploy(canary(RAMP), "v2-err20"); // the analysis rolls it back
    deploy(canary(RAMP), "v3-notready"); // refused before any traffic
    deploy(canary(RAMP), "v4");
    rollback(null, "v4 looks wrong"); // back to v1
    CompletableFuture<RolloutRecord> paused =
        CompletableFuture.supplyAsync(
            () -> deploy(canary("[{weight: 10}, {pause: {}}, {weight: 100}]"), "v5"));
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.status("shop").progress() != null);
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.status("shop").progress().paused());

    assertThat(engine.revisions("shop"))
        .extracting(RevisionVerdict::revision, RevisionVerdict::mark)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(5, Mark.UNKNOWN),
            org.assertj.core.groups.Tuple.tuple(4, Mark.BAD),
            org.assertj.core.groups.Tuple.tuple(3, Mark.BAD),
            org.assertj.core.groups.Tuple.tuple(2, Mark.BAD),
            org.assertj.core.groups.Tuple.tuple(1, Mark.GOOD));
    assertThat(store.appState("shop").orElseThrow().lastKnownGood()).isEqualTo(1);

    engine.promote("shop", true, "ana");
    assertThat(paused.join().outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(mark(5)).isEqualTo(Mark.GOOD);
    assertThat(store.appState("shop").orElseThrow().lastKnownGood()).isEqualTo(5);
  }

  @Test
  void rollbackToARolledBackRevisionWarns() {
    deploy(blueGreen("10m"), "v1");
    deploy(blueGreen("10m"), "v2");
    rollback(null, "v2 drops carts"); // v2 is now bad
    java.util.List<RolloutEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    RolloutRecord again =
        engine.rollback(
            new RollbackRequest("shop", 2, "ana", "it was the cache after all"),
            (id, event) -> seen.add(event));

    assertThat(again.outcome()).isEqualTo(Outcome.RESTORED);
    assertThat(router.servingRevision("shop")).isEqualTo(2);
    RolloutEvent warning =
        again.events().stream()
            .filter(e -> e.status() == RolloutEvent.Status.WARNING)
            .findFirst()
            .orElseThrow();
    assertThat(warning.message())
        .isEqualTo(
            "revision 2 (v2) is marked bad (rolled back by ana in rollout 3: v2 drops carts);"
                + " rolling back to it as asked");
    assertThat(seen).as("the caller sees it as it happens").contains(warning);
  }

  @Test
  void aRollbackThatWorkedEndsRestoredAndMarksTheDeployItUndid() {
    deploy(blueGreen("10m"), "v1");
    deploy(blueGreen("10m"), "v2");

    RolloutRecord rollback = rollback(null, "");

    assertThat(rollback.outcome()).isEqualTo(Outcome.RESTORED);
    assertThat(rollback.events())
        .filteredOn(e -> e.step().equals("rollout"))
        .last()
        .extracting(RolloutEvent::status)
        .isEqualTo(RolloutEvent.Status.OK);
    assertThat(engine.history("shop", 3))
        .extracting(RolloutRecord::outcome)
        .containsExactly(Outcome.RESTORED, Outcome.ROLLED_BACK, Outcome.PROMOTED);
    assertThat(store.appState("shop").orElseThrow().lastKnownGood()).isEqualTo(1);
  }

  @Test
  void rollbackWithOnlyBadRevisionsBesidesStableNamesThemAndHowToPickOne() {
    deploy(blueGreen("10m"), "v1-crash"); // exits at once: refused
    deploy(blueGreen("10m"), "v2");

    assertThatThrownBy(() -> rollback(null, ""))
        .hasMessage(
            "no known good revision of shop to roll back to (stable is revision 2 (v2));"
                + " revisions: 1 (v1-crash) bad: refused in rollout 1: revision 1 (v1-crash)"
                + " exited with code 1 before it became ready; pick one with"
                + " `relevo rollback shop --to N`");
  }
}
