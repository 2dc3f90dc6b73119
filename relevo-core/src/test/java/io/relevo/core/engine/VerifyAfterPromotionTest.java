package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.SmokeCheck;
import io.relevo.core.health.SmokeResult;
import io.relevo.core.health.SmokeRunner;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutEvent.Status;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The {@code verify} checks: sent to the front door after promotion and during the watch. */
class VerifyAfterPromotionTest {

  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeRouter router = new FakeRouter();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeChecks checks = new FakeChecks(runtime);
  private final FrontDoor door = new FrontDoor();
  private final SimulatedTraffic traffic = new SimulatedTraffic(clock, router, runtime, 100);
  private final RolloutEngine engine =
      new RolloutEngine(
          new EngineParts(
              runtime,
              router,
              store,
              null,
              checks,
              door,
              clock,
              clock,
              Path.of("/tmp/relevo-test"),
              Map.of("API_TOKEN", "s3cr3t-token"),
              traffic));

  /**
   * Answers the front door's checks: every path passes but the ones made to fail; remembers where
   * each check went and with which headers.
   */
  static final class FrontDoor implements SmokeRunner {
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();

    @Override
    public SmokeResult run(Endpoint endpoint, SmokeCheck check) {
      endpoints.add(endpoint);
      headers.add(check.headers());
      String what = check.method() + " " + check.path();
      return failing.contains(check.path())
          ? new SmokeResult(check.name(), false, what + ": status 503", Duration.ofMillis(3))
          : new SmokeResult(check.name(), true, what + ": status 200 in 3ms", Duration.ofMillis(3));
    }
  }

  private static AppConfig config(String watch) {
    return ConfigLoader.parse(
        "relevo.yml",
        """
        app: shop
        listen: 0.0.0.0:8080
        runtime:
          command: [run, "{version}"]
        verify:
          - {path: /api/v1/healthz, expect_json: {status: ok}}
          - {path: /metrics}
          - {name: authenticated, path: /api/v1/me, headers: {Authorization: "Bearer ${API_TOKEN}"}, max_latency: 500ms}
        analysis:
          default:
            interval: 10s
            min_requests: 50
            metrics:
              - {name: error-rate, builtin: error_rate, fail_if: "canary - stable > 0.05"}
        rollback:
          watch_after_promotion: %s
        """
            .formatted(watch),
        Map.of("API_TOKEN", "s3cr3t-token"));
  }

  private RolloutRecord deploy(String version, String watch) {
    RolloutRecord record =
        engine.deploy(
            new DeployRequest(config(watch), Path.of("/srv/shop"), version, "ana", ""),
            RolloutListener.none());
    for (int i = 0; i < 7; i++) { // over a minute of traffic, sampled as the agent would
      clock.advance(Duration.ofSeconds(10));
      engine.tick();
    }
    return record;
  }

  private static List<String> verifyEvents(RolloutRecord rollout) {
    return rollout.events().stream()
        .filter(e -> e.step().equals("verify"))
        .map(e -> e.status() + " " + e.message())
        .toList();
  }

  @Test
  void everyCheckGoesToTheFrontDoorAfterPromotionAndIsRecorded() {
    deploy("v1", "0s");
    door.endpoints.clear();

    RolloutRecord v2 = deploy("v2", "0s");

    assertThat(v2.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(verifyEvents(v2))
        .containsExactly(
            "STARTED 3 verification checks against the front door 127.0.0.1:8080",
            "OK GET /api/v1/healthz: status 200 in 3ms",
            "OK GET /metrics: status 200 in 3ms",
            "OK GET /api/v1/me: status 200 in 3ms");
    assertThat(door.endpoints).containsOnly(new Endpoint("127.0.0.1", 8080));
    assertThat(door.headers).contains(Map.of("Authorization", "Bearer s3cr3t-token"));
    assertThat(store.rollout(v2.id()).orElseThrow().events())
        .extracting(RolloutEvent::message)
        .noneMatch(m -> m.contains("s3cr3t"));
  }

  @Test
  void aFailedCheckAfterPromotionSwitchesBackWithTheCheckAsReason() {
    deploy("v1", "0s");
    door.failing.add("/api/v1/me");

    RolloutRecord v2 = deploy("v2", "0s");

    assertThat(v2.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(v2.outcomeReason())
        .isEqualTo(
            "1 of 3 verification checks failed after promotion; first: GET /api/v1/me: status 503"
                + "\ntraffic is back on revision 1 (v1)");
    assertThat(router.servingRevision("shop")).isEqualTo(1);
    assertThat(store.revision("shop", 1).orElseThrow().state()).isEqualTo(Revision.State.SERVING);
    assertThat(store.revision("shop", 2).orElseThrow().state()).isEqualTo(Revision.State.FAILED);
    assertThat(verifyEvents(v2)).contains("FAILED GET /api/v1/me: status 503");
  }

  @Test
  void aFailedCheckDuringTheWatchRollsBackBySwitching() {
    deploy("v1", "5m");
    RolloutRecord v2 = deploy("v2", "5m");
    assertThat(v2.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(engine.status("shop").watch()).as("v2 is watched").isNotNull();
    int startsBefore = runtime.started.size();

    door.failing.add("/api/v1/healthz");
    for (int i = 0; i < 10 && router.servingRevision("shop") == 2; i++) {
      clock.advance(Duration.ofSeconds(10));
      engine.tick();
    }

    assertThat(router.servingRevision("shop")).as("the watch switched back to v1").isEqualTo(1);
    assertThat(runtime.started).as("a switch, not a restart").hasSize(startsBefore);
    RolloutRecord watched = store.rollout(v2.id()).orElseThrow();
    assertThat(verifyEvents(watched)).contains("FAILED GET /api/v1/healthz: status 503");
    assertThat(watched.events())
        .filteredOn(e -> e.step().equals("watch") && e.status() == Status.FAILED)
        .singleElement()
        .extracting(RolloutEvent::message)
        .isEqualTo(
            "revision 2 (v2) failed the watch after promotion: verification check failed: GET"
                + " /api/v1/healthz: status 503; rolling back to revision 1 (v1)");
    RolloutRecord rollback = engine.history("shop", 1).getFirst();
    assertThat(rollback.kind()).isEqualTo(RolloutRecord.Kind.ROLLBACK);
    assertThat(rollback.reason()).contains("verification check failed: GET /api/v1/healthz");
  }

  @Test
  void aFirstDeployThatFailsItsChecksKeepsServingAndSaysSo() {
    door.failing.add("/metrics");

    RolloutRecord v1 = deploy("v1", "0s");

    assertThat(v1.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(v1.outcomeReason())
        .endsWith("revision 1 (v1) keeps serving: no previous revision runs to switch back to");
    assertThat(router.servingRevision("shop")).isEqualTo(1);
  }
}
