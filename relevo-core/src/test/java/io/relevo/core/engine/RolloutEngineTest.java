package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import io.relevo.core.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The engine's decisions, against in-memory ports and a manual clock. */
class RolloutEngineTest {

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
              Map.of()));
  private final List<RolloutEvent> events = new CopyOnWriteArrayList<>();

  private static final String YAML =
      """
      app: shop
      runtime:
        command: [run, "{version}"]
      smoke:
        - {path: /api/v1/healthz}
      rollback:
        keep_previous: 10m
      """;

  private static AppConfig config() {
    return ConfigLoader.parse("relevo.yml", YAML, Map.of());
  }

  private RolloutRecord deploy(String version) {
    return engine.deploy(
        new DeployRequest(config(), Path.of("/srv/shop"), version, "ana", ""),
        (id, event) -> events.add(event));
  }

  @Test
  void firstDeployStartsTheRevisionAndSendsAllTrafficToIt() {
    RolloutRecord rollout = deploy("v1");

    assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(rollout.fromRevision()).isNull();
    assertThat(router.servingRevision("shop")).isEqualTo(1);
    assertThat(engine.status("shop").stable().state()).isEqualTo(Revision.State.SERVING);
    assertThat(events).extracting(RolloutEvent::step).contains("start", "ready", "smoke", "switch");
  }

  @Test
  void blueGreenSwitchesOnceAndKeepsThePreviousRevisionWarm() {
    deploy("v1");
    int splitsBefore = router.history.size();

    RolloutRecord rollout = deploy("v2");

    assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(rollout.fromRevision()).isEqualTo(1);
    assertThat(router.history).hasSize(splitsBefore + 1);
    assertThat(router.servingRevision("shop")).isEqualTo(2);
    Revision previous = store.revision("shop", 1).orElseThrow();
    assertThat(previous.state()).isEqualTo(Revision.State.WARM);
    assertThat(previous.keepUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    assertThat(runtime.running("v1")).isPresent();
  }

  @Test
  void warmRevisionIsDrainedAndStoppedWhenItsKeepTimeIsOver() {
    deploy("v1");
    deploy("v2");

    clock.advance(Duration.ofMinutes(9));
    engine.tick();
    assertThat(runtime.running("v1")).isPresent();

    clock.advance(Duration.ofMinutes(1));
    engine.tick();
    assertThat(runtime.running("v1")).isEmpty();
    assertThat(router.drained).containsExactly(1);
    assertThat(store.revision("shop", 1).orElseThrow().state()).isEqualTo(Revision.State.STOPPED);
  }

  @Test
  void revisionThatNeverBecomesReadyIsRefusedAndStableKeepsServing() {
    deploy("v1");

    RolloutRecord rollout = deploy("v2-notready");

    assertThat(rollout.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(rollout.outcomeReason())
        .contains("revision 2 (v2-notready) is unhealthy: 3 readiness checks failed in a row")
        .contains("last: HTTP 503, status=unhealthy")
        .contains("v2-notready says hello")
        .contains("traffic stays on revision 1 (v1)");
    assertThat(router.servingRevision("shop")).isEqualTo(1);
    assertThat(runtime.running("v2-notready")).isEmpty();
    assertThat(store.revision("shop", 2).orElseThrow().state()).isEqualTo(Revision.State.FAILED);
    assertThat(store.revision("shop", 1).orElseThrow().state()).isEqualTo(Revision.State.SERVING);
  }

  @Test
  void slowStartIsReadyOnceAHealthCheckPasses() {
    RolloutRecord rollout = deploy("v1-slowstart");

    assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(rollout.events())
        .filteredOn(e -> e.step().equals("ready") && e.status() == RolloutEvent.Status.OK)
        .singleElement()
        .extracting(RolloutEvent::message)
        .asString()
        .startsWith("ready after 3 checks");
  }

  @Test
  void revisionThatExitsAtStartIsRefusedWithItsExitCode() {
    deploy("v1");

    RolloutRecord rollout = deploy("v2-crash");

    assertThat(rollout.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(rollout.outcomeReason())
        .contains("revision 2 (v2-crash) exited with code 1 before it became ready");
    assertThat(router.servingRevision("shop")).isEqualTo(1);
  }

  @Test
  void aBlueGreenDeployCanBeAbortedWhileItWaitsForReadiness() throws Exception {
    deploy("v1");
    var rollout = java.util.concurrent.CompletableFuture.supplyAsync(() -> deploy("v2-held"));
    org.awaitility.Awaitility.await().until(() -> checks.heldChecks.get() > 0);

    engine.abort("shop", "ana", "wrong build");
    checks.release();

    RolloutRecord result = rollout.join();
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.outcomeReason())
        .startsWith("aborted by ana: wrong build")
        .contains("traffic stays on revision 1 (v1)");
    assertThat(router.servingRevision("shop")).isEqualTo(1);
    assertThat(runtime.running("v2-held")).isEmpty();
  }

  @Test
  void smokeFailureRefusesTheRevisionBeforeAnySwitch() {
    deploy("v1");
    int splitsBefore = router.history.size();

    RolloutRecord rollout = deploy("v2-badsmoke");

    assertThat(rollout.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(rollout.outcomeReason())
        .contains(
            "1 of 1 smoke check failed; first: GET /api/v1/healthz: status 500 (expected: 200)");
    assertThat(router.history).hasSize(splitsBefore);
    assertThat(runtime.running("v2-badsmoke")).isEmpty();
  }

  @Test
  void rollbackToAWarmRevisionIsASwitchWithoutRestart() {
    deploy("v1");
    deploy("v2");
    int startsBefore = runtime.started.size();

    RolloutRecord rollback =
        engine.rollback(
            new RollbackRequest("shop", null, "ana", "errors after release"),
            RolloutListener.none());

    assertThat(rollback.outcome()).isEqualTo(Outcome.RESTORED);
    assertThat(rollback.kind()).isEqualTo(RolloutRecord.Kind.ROLLBACK);
    assertThat(rollback.strategy()).isEqualTo("switch");
    assertThat(rollback.actor()).isEqualTo("ana");
    assertThat(rollback.reason()).isEqualTo("errors after release");
    assertThat(runtime.started).hasSize(startsBefore);
    assertThat(router.servingRevision("shop")).isEqualTo(1);
    assertThat(runtime.running("v2")).isEmpty();
    assertThat(engine.history("shop", 10))
        .filteredOn(r -> r.toRevision() == 2)
        .singleElement()
        .extracting(RolloutRecord::outcome)
        .isEqualTo(Outcome.ROLLED_BACK);
  }

  @Test
  void rollbackToAStoppedRevisionStartsItAgainAndChecksItFirst() {
    deploy("v1");
    deploy("v2");
    clock.advance(Duration.ofMinutes(11));
    engine.tick();
    assertThat(runtime.running("v1")).isEmpty();

    RolloutRecord rollback =
        engine.rollback(new RollbackRequest("shop", 1, "ana", ""), RolloutListener.none());

    assertThat(rollback.outcome()).isEqualTo(Outcome.RESTORED);
    assertThat(rollback.strategy()).isEqualTo("restart");
    assertThat(runtime.running("v1")).isPresent();
    assertThat(router.servingRevision("shop")).isEqualTo(1);
    assertThat(rollback.events())
        .extracting(RolloutEvent::step)
        .contains("start", "ready", "switch");
  }

  @Test
  void rollbackRefusesARevisionThatNeverPassedItsChecks() {
    deploy("v1");
    deploy("v2-notready");

    assertThatThrownBy(
            () ->
                engine.rollback(new RollbackRequest("shop", 2, "ana", ""), RolloutListener.none()))
        .isInstanceOf(RelevoException.class)
        .hasMessageContaining("revision 2 (v2-notready) never passed its checks");
  }

  @Test
  void rollbackWithNothingEarlierSaysSo() {
    deploy("v1");

    assertThatThrownBy(
            () ->
                engine.rollback(
                    new RollbackRequest("shop", null, "ana", ""), RolloutListener.none()))
        .hasMessage("no earlier revision of shop to roll back to (stable is revision 1 (v1))");
  }

  @Test
  void unknownAppIsNotFoundAndNamesTheKnownOnes() {
    deploy("v1");

    assertThatThrownBy(() -> engine.status("shoop"))
        .isInstanceOf(RelevoException.class)
        .hasMessage("no app named \"shoop\" (apps: shop)");
  }

  @Test
  void restartedAgentReadoptsRunningRevisionsAndRestoresRouting() {
    deploy("v1");
    deploy("v2");
    FakeRouter freshRouter = new FakeRouter();
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
                Map.of()));
    int startsBefore = runtime.started.size();

    restarted.recover();

    assertThat(runtime.started).hasSize(startsBefore);
    assertThat(freshRouter.servingRevision("shop")).isEqualTo(2);
    assertThat(restarted.status("shop").running())
        .extracting(Revision::number)
        .containsExactly(2, 1);
  }

  @Test
  void aServingRevisionFailingItsLivenessCheckRaisesAnAlertUntilItRecovers() {
    engine.deploy(
        new DeployRequest(
            ConfigLoader.parse(
                "relevo.yml",
                YAML
                    + "health:\n  liveness: {path: /live, interval: 2s, retries: 2, start_period: 0s}\n",
                Map.of()),
            Path.of("/srv/shop"),
            "v1",
            "ana",
            ""),
        RolloutListener.none());
    engine.tick();
    assertThat(engine.status("shop").alerts()).isEmpty();

    checks.sicken("v1");
    clock.advance(Duration.ofSeconds(2));
    engine.tick();
    assertThat(engine.status("shop").alerts()).as("one failure is not yet unhealthy").isEmpty();
    clock.advance(Duration.ofSeconds(2));
    engine.tick();
    assertThat(engine.status("shop").alerts())
        .singleElement()
        .asString()
        .startsWith("revision 1 (v1) fails its liveness check since")
        .endsWith("(2 in a row); last: HTTP 500 (expected: 200)");

    checks.heal("v1");
    clock.advance(Duration.ofSeconds(2));
    engine.tick();
    assertThat(engine.status("shop").alerts()).isEmpty();
    assertThat(router.servingRevision("shop")).isEqualTo(1);
  }

  @Test
  void crashedStableIsRecordedByHousekeeping() {
    deploy("v1");
    runtime.running("v1").orElseThrow().exit(137);

    engine.tick();

    Revision revision = store.revision("shop", 1).orElseThrow();
    assertThat(revision.state()).isEqualTo(Revision.State.CRASHED);
    assertThat(revision.exitCode()).isEqualTo(137);
  }
}
