package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.routing.TrafficSplit;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Canary rollouts judged on (simulated) live traffic, with a manual clock. */
class CanaryRolloutTest {

  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeRouter router = new FakeRouter();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeChecks checks = new FakeChecks(runtime);
  private SimulatedTraffic traffic;

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

  private static String config(String steps) {
    return """
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
            inconclusive: {limit: 2, then: pause}
            metrics:
              - {name: error-rate, builtin: error_rate, fail_if: "canary - stable > 0.05"}
              - {name: p95, builtin: latency_p95, fail_if: "canary - stable > 250ms"}
              - {name: availability, builtin: availability, fail_if: "canary < 0.95"}
        rollback:
          watch_after_promotion: 5m
        """
        .formatted(steps);
  }

  private static final String RAMP =
      "[{weight: 10}, {analysis: default}, {weight: 50}, {analysis: default}, {weight: 100}]";

  private RolloutRecord deploy(RolloutEngine engine, String version, String steps) {
    return engine.deploy(
        new DeployRequest(
            ConfigLoader.parse("relevo.yml", config(steps), Map.of()),
            Path.of("/srv/shop"),
            version,
            "ana",
            ""),
        RolloutListener.none());
  }

  private RolloutEngine withStable(double requestsPerSecond) {
    RolloutEngine engine = engine(requestsPerSecond);
    deploy(engine, "v1", RAMP);
    clock.advance(Duration.ofMinutes(1)); // v1 serves alone for a while
    return engine;
  }

  private List<Integer> canaryWeights() {
    return router.history.stream()
        .map(TrafficSplit::backends)
        .filter(b -> b.size() == 2)
        .map(b -> b.get(1).weight())
        .toList();
  }

  @Test
  void goodCanaryIsPromotedThroughEveryStep() {
    RolloutEngine engine = withStable(100);

    RolloutRecord rollout = deploy(engine, "v2", RAMP);

    assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(canaryWeights()).containsExactly(10, 50);
    assertThat(router.servingRevision("shop")).isEqualTo(2);
    assertThat(rollout.events())
        .filteredOn(e -> e.step().equals("analysis") && e.status() == RolloutEvent.Status.OK)
        .hasSize(2);
  }

  @Test
  void aBackgroundAnalysisThatHasPassedIsNotMeasuredAgainWhileTheStepsGoOn() {
    RolloutEngine engine = withStable(100);

    RolloutRecord rollout =
        engine.deploy(
            new DeployRequest(
                ConfigLoader.parse(
                    "relevo.yml",
                    config("[{weight: 10}, {pause: 2m}, {weight: 100}]")
                        .replace("  canary:\n", "  canary:\n    analysis: default\n"),
                    Map.of()),
                Path.of("/srv/shop"),
                "v2",
                "ana",
                ""),
            RolloutListener.none());

    assertThat(rollout.outcome()).as(rollout.events().toString()).isEqualTo(Outcome.PROMOTED);
    assertThat(rollout.events())
        .filteredOn(e -> e.step().equals("analysis") && e.status() == RolloutEvent.Status.PROGRESS)
        .as("count: 3 decides the background analysis after 3 of the pause's 12 intervals")
        .hasSize(3);
    assertThat(rollout.events())
        .anyMatch(
            e ->
                e.step().equals("analysis")
                    && e.message().startsWith("background analysis default ended: ")
                    && e.message().contains("passed"));
  }

  @Test
  void aStickyCanaryAsksTheRouterToKeepUsersOnTheirRevision() {
    RolloutEngine engine = withStable(100);

    engine.deploy(
        new DeployRequest(
            ConfigLoader.parse(
                "relevo.yml",
                config(RAMP).replace("  canary:\n", "  canary:\n    sticky: true\n"),
                Map.of()),
            Path.of("/srv/shop"),
            "v2",
            "ana",
            ""),
        RolloutListener.none());

    assertThat(router.history)
        .filteredOn(split -> split.backends().size() == 2)
        .isNotEmpty()
        .allMatch(TrafficSplit::sticky);
  }

  @Test
  void canaryWithTwentyPercentErrorsIsRolledBackAtTheFirstAnalysis() {
    RolloutEngine engine = withStable(100);

    RolloutRecord rollout = deploy(engine, "v2-err20", RAMP);

    assertThat(rollout.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(canaryWeights()).containsExactly(10);
    assertThat(rollout.outcomeReason())
        .contains("analysis default failed")
        .containsPattern("error-rate: canary 20\\.0+% vs stable 0\\.0+%")
        .contains("traffic is back on revision 1 (v1)");
    assertThat(router.servingRevision("shop")).isEqualTo(1);
    assertThat(router.drained).contains(2);
    assertThat(runtime.running("v2-err20")).isEmpty();
    assertThat(rollout.events()).extracting(RolloutEvent::step).contains("abort", "drain", "stop");
  }

  @Test
  void canaryWithFiveHundredMillisecondsMoreLatencyIsRolledBack() {
    RolloutEngine engine = withStable(100);

    RolloutRecord rollout = deploy(engine, "v2-slow", RAMP);

    assertThat(rollout.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(rollout.outcomeReason()).contains("p95: canary");
    assertThat(router.servingRevision("shop")).isEqualTo(1);
  }

  @Test
  void tooLittleTrafficIsInconclusiveAndPausesUntilPromoted() {
    RolloutEngine engine = withStable(2);

    CompletableFuture<RolloutRecord> rollout =
        CompletableFuture.supplyAsync(() -> deploy(engine, "v2", RAMP));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> progress(engine) != null && progress(engine).paused());
    assertThat(progress(engine).description()).contains("inconclusive");
    assertThat(router.current("shop").backends()).hasSize(2);

    engine.promote("shop", false, "ana");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                progress(engine) == null
                    || progress(engine).paused() && progress(engine).step() > 2
                    || rollout.isDone());
    engine.promote("shop", true, "ana");

    assertThat(rollout.join().outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(router.servingRevision("shop")).isEqualTo(2);
  }

  @Test
  void canaryThatCrashesMidRolloutAborts() {
    RolloutEngine engine = withStable(100);

    CompletableFuture<RolloutRecord> rollout =
        CompletableFuture.supplyAsync(
            () -> deploy(engine, "v2", "[{weight: 10}, {pause: {}}, {weight: 100}]"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> progress(engine) != null && progress(engine).paused());
    runtime.running("v2").orElseThrow().exit(137);

    RolloutRecord result = rollout.join();
    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.outcomeReason())
        .contains("canary revision 2 (v2) exited with code 137 during the rollout");
    assertThat(router.servingRevision("shop")).isEqualTo(1);
  }

  @Test
  void abortPutsTrafficBackOnStableWithTheReason() {
    RolloutEngine engine = withStable(100);

    CompletableFuture<RolloutRecord> rollout =
        CompletableFuture.supplyAsync(
            () -> deploy(engine, "v2", "[{weight: 25}, {pause: {}}, {weight: 100}]"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> progress(engine) != null && progress(engine).paused());
    engine.abort("shop", "ana", "checkout looks wrong");
    assertThat(router.servingRevision("shop"))
        .as("the abort itself switched, before the rollout's thread looked")
        .isEqualTo(1);

    RolloutRecord result = rollout.join();
    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.outcomeReason()).startsWith("aborted by ana: checkout looks wrong");
    assertThat(result.events())
        .filteredOn(e -> e.step().equals("abort"))
        .singleElement()
        .extracting(RolloutEvent::message)
        .asString()
        .contains("switched by the abort itself");
    assertThat(router.drained).contains(2);
    assertThat(router.servingRevision("shop")).isEqualTo(1);
  }

  @Test
  void promoteFullSkipsTheRemainingSteps() {
    RolloutEngine engine = withStable(100);

    CompletableFuture<RolloutRecord> rollout =
        CompletableFuture.supplyAsync(
            () ->
                deploy(
                    engine,
                    "v2",
                    "[{weight: 10}, {pause: {}}, {weight: 50}, {pause: {}}, {weight: 100}]"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> progress(engine) != null && progress(engine).paused());
    engine.promote("shop", true, "ana");

    assertThat(rollout.join().outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(canaryWeights()).containsExactly(10);
    assertThat(router.servingRevision("shop")).isEqualTo(2);
  }

  @Test
  void retryShipsTheRolledBackVersionAgainAsANewRevision() {
    RolloutEngine engine = withStable(100);
    deploy(engine, "v2-err20", RAMP);

    RolloutRecord retried = engine.retry("shop", "ana", RolloutListener.none());

    assertThat(retried.toRevision()).isEqualTo(3);
    assertThat(retried.reason()).startsWith("retry of rollout");
    assertThat(store.revision("shop", 3).orElseThrow().version()).isEqualTo("v2-err20");
    assertThat(retried.outcome()).isEqualTo(Outcome.ROLLED_BACK);
  }

  @Test
  void watchAfterPromotionRollsBackAReleaseThatTurnsBadLater() {
    RolloutEngine engine = engine(100);
    deploy(engine, "v1", RAMP);
    clock.advance(Duration.ofMinutes(1));
    assertThat(deploy(engine, "v2", RAMP).outcome()).isEqualTo(Outcome.PROMOTED);

    traffic.turnBad("v2");
    for (int i = 0; i < 6 && router.servingRevision("shop") == 2; i++) {
      clock.advance(Duration.ofSeconds(10));
      engine.tick();
    }

    assertThat(router.servingRevision("shop")).isEqualTo(1);
    RolloutRecord rollback = engine.history("shop", 1).get(0);
    assertThat(rollback.kind()).isEqualTo(RolloutRecord.Kind.ROLLBACK);
    assertThat(rollback.actor()).isEqualTo("relevo");
    assertThat(rollback.reason())
        .contains("failed the watch after promotion")
        .contains("error-rate");
    assertThat(store.revision("shop", 2).orElseThrow().state()).isEqualTo(Revision.State.STOPPED);
  }

  @Test
  void watchEndsQuietlyForAGoodRelease() {
    RolloutEngine engine = withStable(100);
    deploy(engine, "v2", RAMP);

    for (int i = 0; i < 40; i++) {
      clock.advance(Duration.ofSeconds(10));
      engine.tick();
    }

    assertThat(router.servingRevision("shop")).isEqualTo(2);
  }

  @Test
  void theWatchLastsWatchAfterPromotionAndCatchesAReleaseThatTurnsBadNearItsEnd() {
    RolloutEngine engine = withStable(100);
    deploy(engine, "v2", RAMP);

    for (int i = 0; i < 27; i++) { // 4.5 minutes: far past the analysis' 3 measurements
      clock.advance(Duration.ofSeconds(10));
      engine.tick();
    }
    AppStatus.Watch watch = engine.status("shop").watch();
    assertThat(watch).isNotNull();
    assertThat(watch.revision()).isEqualTo(2);
    assertThat(watch.against()).isEqualTo(1);
    assertThat(watch.left()).isEqualTo("30s");
    assertThat(watch.last()).startsWith("pass at ");

    traffic.turnBad("v2");
    for (int i = 0; i < 2; i++) {
      clock.advance(Duration.ofSeconds(10));
      engine.tick();
    }

    assertThat(router.servingRevision("shop")).isEqualTo(1);
    assertThat(engine.status("shop").watch()).isNull();
    RolloutRecord deploy = engine.history("shop", 2).get(1);
    assertThat(deploy.events())
        .filteredOn(e -> e.step().equals("watch"))
        .extracting(RolloutEvent::status)
        .containsExactly(RolloutEvent.Status.STARTED, RolloutEvent.Status.FAILED);
  }

  @Test
  void aWatchThatPassesIsRecordedInTheDeploysHistory() {
    RolloutEngine engine = withStable(100);
    deploy(engine, "v2", RAMP);

    for (int i = 0; i < 31; i++) {
      clock.advance(Duration.ofSeconds(10));
      engine.tick();
    }

    assertThat(engine.status("shop").watch()).isNull();
    RolloutRecord deploy = engine.history("shop", 1).get(0);
    assertThat(deploy.events())
        .filteredOn(e -> e.step().equals("watch"))
        .extracting(e -> e.status() + " " + e.message())
        .satisfiesExactly(
            started ->
                assertThat(started)
                    .startsWith("STARTED watching revision 2 (v2) for 5m")
                    .contains("against revision 1 (v1)'s"),
            passed ->
                assertThat(passed)
                    .startsWith("OK revision 2 (v2) passed the watch after promotion"));
  }

  @Test
  void aDeployDuringTheWatchIsRefusedUnlessForcedWithAReasonThatHistoryKeeps() {
    RolloutEngine engine = withStable(100);
    deploy(engine, "v2", RAMP);
    clock.advance(Duration.ofSeconds(10));
    engine.tick();

    assertThatThrownBy(() -> deploy(engine, "v3", RAMP))
        .isInstanceOf(io.relevo.core.RelevoException.class)
        .hasMessageStartingWith(
            "revision 2 (v2) of shop is in its watch after promotion (4m50s left)")
        .hasMessageEndingWith("or deploy with --force --reason \"...\" to end it now");
    assertThatThrownBy(() -> forcedDeploy(engine, "v3", ""))
        .hasMessageStartingWith("--force needs a reason");

    RolloutRecord forced = forcedDeploy(engine, "v3", "hotfix for the booking form");

    assertThat(forced.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(forced.events())
        .extracting(RolloutEvent::message)
        .contains(
            "the watch of revision 2 (v2) was ended early by ana's forced deploy of v3:"
                + " hotfix for the booking form");
  }

  @Test
  void anAgentRestartResumesTheWatchWithItsRemainingTimeAndStillCatchesABadRelease() {
    RolloutEngine engine = withStable(100);
    deploy(engine, "v2", RAMP);
    clock.advance(Duration.ofMinutes(2));
    engine.tick();

    // A new agent on the same history and revisions; its proxy starts with empty counters.
    FakeRouter freshRouter = new FakeRouter();
    SimulatedTraffic freshTraffic = new SimulatedTraffic(clock, freshRouter, runtime, 100);
    RolloutEngine restarted =
        new RolloutEngine(
            new EngineParts(
                runtime,
                freshRouter,
                store,
                null,
                checks,
                checks,
                clock,
                clock,
                Path.of("/tmp/relevo-test"),
                Map.of(),
                freshTraffic));
    restarted.recover();

    AppStatus.Watch watch = restarted.status("shop").watch();
    assertThat(watch).isNotNull();
    assertThat(watch.left()).isEqualTo("3m");
    assertThat(restarted.history("shop", 1).get(0).events())
        .extracting(RolloutEvent::message)
        .contains("watch resumed after an agent restart, 3m left");

    freshTraffic.turnBad("v2");
    for (int i = 0; i < 3 && freshRouter.servingRevision("shop") == 2; i++) {
      clock.advance(Duration.ofSeconds(10));
      restarted.tick();
    }

    assertThat(freshRouter.servingRevision("shop")).isEqualTo(1);
    assertThat(store.watch("shop")).isEmpty();
  }

  private RolloutRecord forcedDeploy(RolloutEngine engine, String version, String reason) {
    return engine.deploy(
        new DeployRequest(
            ConfigLoader.parse("relevo.yml", config(RAMP), Map.of()),
            Path.of("/srv/shop"),
            version,
            "ana",
            reason,
            true),
        RolloutListener.none());
  }

  private static RolloutProgress progress(RolloutEngine engine) {
    return engine.status("shop").progress();
  }
}
