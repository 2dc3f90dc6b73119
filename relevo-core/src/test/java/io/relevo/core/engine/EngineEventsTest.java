package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.analysis.Measurement;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.routing.TrafficSplit;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the engine tells its {@link EngineEvents} during a canary, in the order it happens. */
class EngineEventsTest {

  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeRouter router = new FakeRouter();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeChecks checks = new FakeChecks(runtime);
  private final Recorded heard = new Recorded();

  private static final String CONFIG =
      """
      app: shop
      runtime:
        command: [run, "{version}"]
      strategy:
        canary:
          steps: [{weight: 10}, {analysis: default}, {weight: 50}, {weight: 100}]
      analysis:
        default:
          interval: 10s
          count: 2
          min_requests: 50
          metrics:
            - {name: error-rate, builtin: error_rate, fail_if: "canary - stable > 0.05"}
            - {name: both, builtin: error_rate, fail_if: "canary > 0.5 or stable > 0.5"}
      """;

  private RolloutEngine engine() {
    SimulatedTraffic traffic = new SimulatedTraffic(clock, router, runtime, 100);
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
                traffic)
            .withEvents(heard));
  }

  private RolloutRecord deploy(RolloutEngine engine, String version) {
    return engine.deploy(
        new DeployRequest(
            ConfigLoader.parse("relevo.yml", CONFIG, Map.of()),
            Path.of("/srv/shop"),
            version,
            "ana",
            ""),
        RolloutListener.none());
  }

  @Test
  void aCanaryTellsEverySplitItsEventsAndItsMeasurementsInOrder() {
    RolloutEngine engine = engine();
    deploy(engine, "v1");
    clock.advance(Duration.ofMinutes(1));
    heard.clear();

    RolloutRecord rollout = deploy(engine, "v2");

    assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(heard.splits)
        .extracting(EngineEventsTest::weights)
        .containsExactly(List.of(1, 90, 2, 10), List.of(1, 50, 2, 50), List.of(2, 100));
    assertThat(heard.events).containsExactlyElementsOf(rollout.events());
    assertThat(heard.measurements).hasSize(2);
    assertThat(heard.measurements.get(0).metrics()).hasSize(2);
    assertThat(heard.apps).containsOnly("shop");
    int weight10 = heard.order.indexOf("weights 10");
    int measured = heard.order.indexOf("measured");
    int weight50 = heard.order.indexOf("weights 50");
    assertThat(weight10).isLessThan(measured);
    assertThat(measured).isLessThan(weight50);
  }

  @Test
  void aFailingListenerDoesNotStopTheRollout() {
    RolloutEngine engine = engine();
    heard.failing = true;

    assertThat(deploy(engine, "v1").outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(router.servingRevision("shop")).isEqualTo(1);
  }

  @Test
  void partsTellNoOneByDefault() {
    EngineParts parts =
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
            Map.of());

    assertThat(parts.events()).isSameAs(EngineEvents.none());
    assertThat(EventPublishing.attach(parts)).isSameAs(parts);
  }

  private static List<Integer> weights(TrafficSplit split) {
    return split.backends().stream()
        .flatMap(b -> java.util.stream.Stream.of(b.revision(), b.weight()))
        .toList();
  }

  /** Everything heard, and one line per thing in the order heard. */
  private static final class Recorded implements EngineEvents {
    final List<TrafficSplit> splits = new CopyOnWriteArrayList<>();
    final List<RolloutEvent> events = new CopyOnWriteArrayList<>();
    final List<Measurement> measurements = new CopyOnWriteArrayList<>();
    final List<String> apps = new CopyOnWriteArrayList<>();
    final List<String> order = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    void clear() {
      splits.clear();
      events.clear();
      measurements.clear();
      order.clear();
    }

    @Override
    public void rollout(String app, long rolloutId, RolloutEvent event) {
      fail();
      apps.add(app);
      events.add(event);
      order.add("rollout " + event.step());
    }

    @Override
    public void weights(String app, TrafficSplit split) {
      fail();
      apps.add(app);
      splits.add(split);
      order.add("weights " + split.backends().getLast().weight());
    }

    @Override
    public void measured(
        String app, String analysis, int canaryRevision, int stableRevision, Measurement m) {
      fail();
      apps.add(app);
      measurements.add(m);
      order.add("measured");
    }

    private void fail() {
      if (failing) {
        throw new IllegalStateException("listener broke");
      }
    }
  }
}
