package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.gates.GateResult;
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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Gates in the deploy flow: a refusal starts nothing and is history; rollbacks pass freely. */
class GatedDeployTest {

  private final ManualClock clock = new ManualClock(); // Tuesday 2026-11-24 10:00 UTC
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
              Map.of("API_KEY", "hK3pZ8sQ1nR6tY0w")));

  private static final String YAML =
      """
      app: shop
      runtime:
        command: [run, "{version}"]
      gates:
        secrets:
          API_KEY: {min_length: 15}
        window:
          days: [tue-thu]
          hours: "10:00-14:00"
      """;

  private static AppConfig config() {
    return ConfigLoader.parse("relevo.yml", YAML, Map.of());
  }

  private RolloutRecord deploy(String version, Set<String> overrides, String reason) {
    return engine.deploy(
        new DeployRequest(config(), Path.of("/srv/shop"), version, "ana", reason, false, overrides),
        RolloutListener.none());
  }

  private static java.util.List<String> gateEvents(RolloutRecord rollout) {
    return rollout.events().stream()
        .filter(e -> e.step().equals("gate"))
        .map(e -> e.status() + " " + e.message())
        .toList();
  }

  @Test
  void gatesThatPassAreRecordedInTheRollout() {
    RolloutRecord rollout = deploy("v1", Set.of(), "");

    assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(gateEvents(rollout))
        .containsExactly(
            "OK secrets: passed: 1 secret present and strong",
            "OK window: passed: open (Tue,Wed,Thu 10:00-14:00 UTC)");
  }

  @Test
  void aDeployOutsideTheWindowStartsNothingAndSaysWhenItOpens() {
    deploy("v1", Set.of(), "");
    clock.advance(Duration.ofHours(5)); // Tuesday 15:00

    RolloutRecord refused = deploy("v2", Set.of(), "");

    assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(refused.outcomeReason())
        .startsWith("refused by gates:\nwindow: failed: closed at Tue 2026-11-24 15:00 UTC")
        .contains("opens next Wed 2026-11-25 10:00 UTC")
        .endsWith("nothing was started; traffic stays on revision 1 (v1)");
    assertThat(runtime.running("v2")).isEmpty();
    assertThat(router.servingRevision("shop")).isEqualTo(1);
    assertThat(store.revision("shop", 2).orElseThrow().state()).isEqualTo(Revision.State.FAILED);
    assertThat(gateEvents(refused))
        .contains("FAILED " + refused.outcomeReason().lines().toList().get(1));
    assertThat(engine.history("shop", 1).getFirst().id()).isEqualTo(refused.id());
  }

  @Test
  void anOverrideLetsTheDeployThroughAndHistoryKeepsWhoAndWhy() {
    clock.advance(Duration.ofHours(5));

    RolloutRecord rollout = deploy("v1", Set.of("window"), "hotfix for checkout");

    assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(rollout.events())
        .filteredOn(e -> e.status() == RolloutEvent.Status.WARNING)
        .extracting(RolloutEvent::message)
        .singleElement()
        .asString()
        .startsWith("window: overridden: closed at")
        .endsWith("; overridden by ana: hotfix for checkout");
  }

  @Test
  void rollbacksAreNeverHeldBackByTheWindow() {
    deploy("v1", Set.of(), "");
    deploy("v2", Set.of(), "");
    clock.advance(Duration.ofDays(4)); // Saturday

    RolloutRecord rollback =
        engine.rollback(
            new RollbackRequest("shop", 1, "ana", "v2 is slow"), RolloutListener.none());

    assertThat(rollback.outcome()).isEqualTo(Outcome.RESTORED);
  }

  @Test
  void checkJudgesEveryGateWithoutDeployingOrRecording() {
    clock.advance(Duration.ofHours(5));

    var report = engine.check(new DeployRequest(config(), Path.of("/srv/shop"), "v1", "ana", ""));

    assertThat(report.results())
        .extracting(GateResult::gate, GateResult::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("secrets", GateResult.Status.PASSED),
            org.assertj.core.groups.Tuple.tuple("window", GateResult.Status.FAILED));
    assertThat(store.apps()).isEmpty();
  }
}
