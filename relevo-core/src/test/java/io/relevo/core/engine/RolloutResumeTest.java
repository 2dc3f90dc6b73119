package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutCheckpoint;
import io.relevo.core.store.RolloutCheckpoint.Phase;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.store.SealedEnv;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.FreezingSleeper;
import io.relevo.core.testing.InMemoryStore;
import io.relevo.core.testing.ManualClock;
import io.relevo.core.testing.SimulatedTraffic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * An agent that dies in the middle of a deploy leaves its checkpoint in history; the next one
 * carries the rollout on from there, at every kind of step, or rolls it back saying why. The first
 * agent is "killed" by freezing its rollout thread at the moment it waits, so it writes nothing
 * more, as after {@code kill -9}.
 */
class RolloutResumeTest {

  private static final Map<String, String> SECRET = Map.of("DB_PASSWORD", "s3cret");

  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeChecks checks = new FakeChecks(runtime);
  private final FakeRouter router = new FakeRouter();
  private final FakeRouter router2 = new FakeRouter();
  private final SealedEnv sealer = new TestSealer();

  private RolloutEngine engine(
      FakeRouter router, io.relevo.core.engine.Sleeper sleeper, Map<String, String> env) {
    return new RolloutEngine(
        new EngineParts(
                runtime,
                router,
                store,
                null,
                checks,
                checks,
                clock,
                sleeper,
                Path.of("/tmp/relevo-test"),
                env,
                new SimulatedTraffic(clock, router, runtime, 100))
            .withSealedEnv(sealer));
  }

  private static String config(String strategy) {
    return """
        app: shop
        runtime:
          command: [run, "{version}"]
          env: {DB_PASSWORD: "${DB_PASSWORD}"}
        strategy:
        %s
        analysis:
          default:
            interval: 10s
            count: 3
            min_requests: 50
            metrics:
              - {name: error-rate, builtin: error_rate, fail_if: "canary - stable > 0.05"}
        rollback:
          watch_after_promotion: 0s
        """
        .formatted(strategy.indent(2).stripTrailing());
  }

  private static String canary(String steps) {
    return "canary:\n  steps: " + steps;
  }

  private static RolloutRecord deploy(RolloutEngine engine, String yaml, String version) {
    return engine.deploy(
        new DeployRequest(
            ConfigLoader.parse("relevo.yml", yaml, SECRET),
            Path.of("/srv/shop"),
            version,
            "ana",
            ""),
        RolloutListener.none());
  }

  /** Deploys v1, then v2 on an agent that dies when {@code when} holds; returns v2's rollout id. */
  private long killedDuring(String yaml, String version, BooleanSupplier when) throws Exception {
    AtomicBoolean armed = new AtomicBoolean();
    FreezingSleeper dying = new FreezingSleeper(clock, () -> armed.get() && when.getAsBoolean());
    RolloutEngine first = engine(router, dying, SECRET);
    deploy(first, yaml, "v1");
    clock.advance(Duration.ofMinutes(1));
    armed.set(true);
    Thread thread = Thread.ofPlatform().daemon().start(() -> deploy(first, yaml, version));
    assertThat(dying.awaitFrozen()).as("the agent reached its crash point").isTrue();
    assertThat(thread.isAlive()).isTrue();
    return store.rollouts("shop", 1).getFirst().id();
  }

  private Optional<RolloutCheckpoint> checkpoint() {
    List<RolloutRecord> newest = store.rollouts("shop", 1);
    return newest.isEmpty() ? Optional.empty() : store.checkpoint(newest.getFirst().id());
  }

  private BooleanSupplier at(Phase phase, int step) {
    return () -> checkpoint().map(c -> c.phase() == phase && c.step() == step).orElse(false);
  }

  private RolloutRecord ended(long id) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> store.rollout(id).orElseThrow().outcome() != Outcome.RUNNING);
    return store.rollout(id).orElseThrow();
  }

  private List<String> splits(FakeRouter router) {
    return router.history.stream()
        .map(
            s ->
                String.join(
                    "/", s.backends().stream().map(b -> b.revision() + ":" + b.weight()).toList()))
        .toList();
  }

  private static List<RolloutEvent> after(RolloutRecord rollout, String marker) {
    List<RolloutEvent> events = rollout.events();
    int from = 0;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).message().contains(marker)) {
        from = i;
      }
    }
    return events.subList(from, events.size());
  }

  @Test
  void aCanaryKilledInATimedPauseKeepsItsShareAndWaitsOnlyTheTimeThatWasLeft() throws Exception {
    String yaml = config(canary("[{weight: 20}, {pause: 10m}, {weight: 60}, {weight: 100}]"));
    long id =
        killedDuring(
            yaml,
            "v2",
            () ->
                checkpoint()
                    .map(
                        c ->
                            c.phase() == Phase.PAUSE
                                && !clock.instant().isBefore(c.at().plus(Duration.ofMinutes(4))))
                    .orElse(false));
    Instant pauseEnds = store.checkpoint(id).orElseThrow().until();
    clock.advance(Duration.ofMinutes(1)); // the agent is down for a minute

    engine(router2, clock, SECRET).recover();

    assertThat(splits(router2)).first().isEqualTo("1:80/2:20");
    RolloutRecord rollout = ended(id);
    assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(splits(router2)).containsSubsequence("1:80/2:20", "1:40/2:60", "2:100");
    List<RolloutEvent> resumed = after(rollout, "resumed after an agent restart");
    assertThat(resumed.getFirst().message()).contains("at step 2 of 4 (pause, canary at 20%)");
    assertThat(resumed)
        .filteredOn(e -> e.step().equals("pause"))
        .extracting(RolloutEvent::message, RolloutEvent::at)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "pause resumed, 5m left", pauseEnds.minus(Duration.ofMinutes(5))),
            org.assertj.core.groups.Tuple.tuple("pause over", pauseEnds));
    assertThat(store.checkpoint(id)).isEmpty();
  }

  @Test
  void aCanaryKilledDuringItsAnalysisCountsTheMeasurementsItHadTaken() throws Exception {
    String yaml = config(canary("[{weight: 10}, {analysis: default}, {weight: 100}]"));
    long id =
        killedDuring(
            yaml,
            "v2",
            () ->
                checkpoint()
                    .map(c -> c.phase() == Phase.ANALYSIS && c.passed() == 1)
                    .orElse(false));

    engine(router2, clock, SECRET).recover();

    assertThat(splits(router2)).first().isEqualTo("1:90/2:10");
    RolloutRecord rollout = ended(id);
    assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
    List<RolloutEvent> resumed = after(rollout, "resumed after an agent restart");
    assertThat(resumed)
        .extracting(RolloutEvent::message)
        .contains(
            "analysis default resumed after an agent restart with 1 passed and 0 failed"
                + " measurements; its window starts again now");
    assertThat(resumed)
        .filteredOn(e -> e.step().equals("analysis") && e.status() == RolloutEvent.Status.PROGRESS)
        .hasSize(2);
  }

  @Test
  void aCanaryKilledBetweenItsWeightCheckpointAndTheRouteTakesThatWeightOnResume()
      throws Exception {
    String yaml = config(canary("[{weight: 10}, {pause: 1m}, {weight: 50}, {pause: 1m}]"));
    long id = killedDuring(yaml, "v2", at(Phase.PAUSE, 1));
    // As if it died right after writing the next step's checkpoint, before routing it.
    RolloutCheckpoint paused = store.checkpoint(id).orElseThrow();
    store.saveCheckpoint(
        new RolloutCheckpoint(id, "shop", 2, 50, Phase.WEIGHT, null, null, 0, 0, paused.at()));

    engine(router2, clock, SECRET).recover();

    assertThat(ended(id).outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(splits(router2)).containsSubsequence("1:50/2:50", "2:100");
    assertThat(splits(router2)).doesNotContain("1:90/2:10");
  }

  @Test
  void aCanaryKilledInTheMiddleOfItsSwitchFinishesTheSwitch() throws Exception {
    String yaml = config(canary("[{weight: 50}, {pause: 1m}]"));
    long id = killedDuring(yaml, "v2", at(Phase.PAUSE, 1));
    // As if it died after recording revision 2 as serving, before recording it as the stable one.
    RolloutCheckpoint paused = store.checkpoint(id).orElseThrow();
    store.saveCheckpoint(
        new RolloutCheckpoint(id, "shop", 2, 50, Phase.PROMOTING, null, null, 0, 0, paused.at()));
    store.saveRevision(store.revision("shop", 2).orElseThrow().withState(Revision.State.SERVING));

    engine(router2, clock, SECRET).recover();

    assertThat(ended(id).outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(router2.servingRevision("shop")).isEqualTo(2);
    assertThat(store.revision("shop", 1).orElseThrow().state()).isEqualTo(Revision.State.WARM);
    assertThat(splits(router2)).first().isEqualTo("1:50/2:50");
  }

  @Test
  void aBlueGreenDeployKilledBeforeItsSwitchIsCheckedAgainAndSwitched() throws Exception {
    String yaml = config("bluegreen: {}");
    long id =
        killedDuring(
            yaml,
            "v2-slowstart",
            () ->
                store
                    .revision("shop", 2)
                    .map(r -> r.state() == Revision.State.STARTING && r.instance() != null)
                    .orElse(false));

    engine(router2, clock, SECRET).recover();

    RolloutRecord rollout = ended(id);
    assertThat(rollout.outcome()).as(rollout.outcomeReason()).isEqualTo(Outcome.PROMOTED);
    assertThat(router2.servingRevision("shop")).isEqualTo(2);
    assertThat(store.revision("shop", 1).orElseThrow().state()).isEqualTo(Revision.State.WARM);
    assertThat(after(rollout, "resumed").getFirst().message())
        .contains("waiting for revision 2 (v2-slowstart) to get ready");
  }

  @Test
  void aCanaryThatDiedWhileTheAgentWasDownIsRolledBackWithTheReason() throws Exception {
    String yaml = config(canary("[{weight: 20}, {pause: 10m}, {weight: 100}]"));
    long id = killedDuring(yaml, "v2", at(Phase.PAUSE, 1));
    runtime.running("v2").orElseThrow().exit(137);

    engine(router2, clock, SECRET).recover();

    RolloutRecord rollout = store.rollout(id).orElseThrow();
    assertThat(rollout.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(rollout.outcomeReason())
        .isEqualTo(
            "the agent stopped during this rollout and it could not be resumed: revision 2 (v2) no"
                + " longer runs; traffic is back on revision 1 (v1)");
    assertThat(router2.servingRevision("shop")).isEqualTo(1);
    assertThat(store.revision("shop", 2).orElseThrow().state()).isEqualTo(Revision.State.FAILED);
    assertThat(store.checkpoint(id)).isEmpty();
  }

  @Test
  void aCanaryWhoseConfigNoLongerLoadsIsRolledBackAndStopped() throws Exception {
    String yaml = config(canary("[{weight: 20}, {pause: 10m}, {weight: 100}]"));
    long id = killedDuring(yaml, "v2", at(Phase.PAUSE, 1));
    store.saveSealedEnv("shop", 2, null); // its kept values are gone, and the agent lacks them

    RolloutEngine restarted = engine(router2, clock, Map.of());
    restarted.recover();

    RolloutRecord rollout = store.rollout(id).orElseThrow();
    assertThat(rollout.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(rollout.outcomeReason())
        .startsWith(
            "the agent stopped during this rollout and it could not be resumed: the config of"
                + " revision 2 (v2) no longer loads:")
        .contains("${DB_PASSWORD} is not set")
        .endsWith("traffic is back on revision 1 (v1)");
    assertThat(runtime.running("v2")).isEmpty();
    assertThat(router2.servingRevision("shop")).isEqualTo(1);
  }

  @Test
  void anAgentWithoutTheVariableResumesACanaryWithTheValuesItWasDeployedWith() throws Exception {
    String yaml = config(canary("[{weight: 20}, {pause: 10m}, {weight: 100}]"));
    long id = killedDuring(yaml, "v2", at(Phase.PAUSE, 1));

    engine(router2, clock, Map.of()).recover();

    assertThat(ended(id).outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(router2.servingRevision("shop")).isEqualTo(2);
  }

  @Test
  void aStableRevisionThatStoppedIsColdRestartedWithTheValuesItWasDeployedWith() {
    deploy(engine(router, clock, SECRET), config("bluegreen: {}"), "v1");
    runtime.running("v1").orElseThrow().exit(137);

    engine(router2, clock, Map.of()).recover();

    assertThat(router2.servingRevision("shop")).isEqualTo(1);
    assertThat(runtime.specs).hasSize(2);
    assertThat(runtime.specs.getLast().config().runtime().env())
        .containsEntry("DB_PASSWORD", "s3cret");
    assertThat(store.sealedEnv("shop", 1).orElseThrow()).doesNotContain("s3cret");
  }

  @Test
  void aColdRollbackKilledWhileItsTargetStartsIsClosedAndTheTargetIsNotMarkedFailed()
      throws Exception {
    String yaml =
        config("bluegreen: {}")
            .replace(
                "  watch_after_promotion: 0s", "  watch_after_promotion: 0s\n  keep_previous: 0s");
    AtomicBoolean armed = new AtomicBoolean();
    FreezingSleeper dying =
        new FreezingSleeper(
            clock,
            () ->
                armed.get()
                    && store
                        .revision("shop", 1)
                        .map(r -> r.state() == Revision.State.STARTING)
                        .orElse(false));
    RolloutEngine first = engine(router, dying, SECRET);
    deploy(first, yaml, "v1-slowstart");
    deploy(first, yaml, "v2");
    assertThat(store.revision("shop", 1).orElseThrow().state()).isEqualTo(Revision.State.STOPPED);
    armed.set(true);
    Thread.ofPlatform()
        .daemon()
        .start(
            () ->
                first.rollback(
                    new RollbackRequest("shop", 1, "ana", "v2 is wrong"), RolloutListener.none()));
    assertThat(dying.awaitFrozen()).isTrue();
    long id = store.rollouts("shop", 1).getFirst().id();

    engine(router2, clock, Map.of()).recover();

    assertThat(store.rollout(id).orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(store.revision("shop", 1).orElseThrow().state()).isEqualTo(Revision.State.STOPPED);
    assertThat(runtime.running("v1-slowstart")).isEmpty();
    assertThat(router2.servingRevision("shop")).isEqualTo(2);
  }

  /** Reversible and not clear text; the real one (AES-GCM) is relevo-store's. */
  private static final class TestSealer implements SealedEnv {
    private final Map<String, Map<String, String>> kept = new ConcurrentHashMap<>();

    @Override
    public String seal(Map<String, String> values) {
      String token = "sealed-" + kept.size();
      kept.put(token, Map.copyOf(values));
      return token;
    }

    @Override
    public Map<String, String> open(String sealed) {
      return sealed == null ? Map.of() : kept.getOrDefault(sealed, Map.of());
    }

    @Override
    public String problem(String sealed) {
      return sealed == null || kept.containsKey(sealed) ? "" : "unknown token";
    }
  }
}
