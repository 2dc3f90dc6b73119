package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.EngineParts;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import io.relevo.core.testing.ManualClock;
import io.relevo.core.testing.SimulatedTraffic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;

/**
 * An API server whose engine (over fakes whose waits take no time, with simulated traffic for the
 * analysis) tells an {@link EventHub}: for the tests of {@code GET /api/v1/apps/{app}/events}.
 */
@Timeout(120)
final class EventStreamFixture implements AutoCloseable {

  static final String TOKEN = "test-token";
  private static final String CONFIG =
      """
      app: shop
      runtime:
        command: [run, "{version}"]
      strategy:
        canary:
          steps: [{weight: 10}, {analysis: default}, {weight: 50}, {analysis: default}, {weight: 100}]
      analysis:
        default:
          interval: 10s
          count: 2
          min_requests: 50
          metrics:
            - {name: error-rate, builtin: error_rate, fail_if: "canary - stable > 0.05"}
            - {name: availability, builtin: availability, fail_if: "canary < 0.95"}
      """;

  private final Path stateDir;
  private final ManualClock clock = new ManualClock();
  final RolloutEngine engine;
  final EventHub hub;
  final ApiServer api;

  EventStreamFixture(Path stateDir) {
    this.stateDir = stateDir;
    FakeRuntime runtime = new FakeRuntime();
    FakeRouter router = new FakeRouter();
    FakeChecks checks = new FakeChecks(runtime);
    SimulatedTraffic traffic = new SimulatedTraffic(clock, router, runtime, 100);
    AtomicReference<RolloutEngine> ref = new AtomicReference<>();
    hub = EventHub.create(ref::get, traffic);
    engine =
        new RolloutEngine(
            new EngineParts(
                    runtime,
                    router,
                    new InMemoryStore(),
                    null,
                    checks,
                    checks,
                    clock,
                    clock,
                    stateDir,
                    Map.of(),
                    traffic)
                .withEvents(hub));
    ref.set(engine);
    api =
        ApiServer.start(
            new HostPort("127.0.0.1", 0),
            ApiTls.OFF,
            ApiParts.of(TOKEN, engine, TestAgents.parser()).withEvents(hub));
  }

  @Override
  public void close() {
    api.close();
  }

  RolloutRecord deploy(String version) {
    RolloutRecord rollout =
        engine.deploy(
            new DeployRequest(
                ConfigLoader.parse("relevo.yml", CONFIG, Map.of()), stateDir, version, "ana", ""),
            RolloutListener.none());
    clock.advance(Duration.ofMinutes(10));
    engine.tick(); // ends the watch after promotion
    return rollout;
  }

  SseClient open(String lastEventId) throws Exception {
    SseClient client = SseClient.open(api.url(), TOKEN, "shop", lastEventId);
    assertThat(client.status).isEqualTo(200);
    return client;
  }

  static JsonNode data(SseEvent event) throws Exception {
    return Json.mapper().readTree(event.data());
  }

  static boolean finished(SseEvent event) {
    try {
      return event.type().equals("rollout")
          && data(event).path("event").path("step").asText().equals("rollout")
          && !data(event).path("event").path("status").asText().equals("STARTED");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static long seq(SseEvent event) {
    return Long.parseLong(event.id().substring(event.id().indexOf(':') + 1));
  }

  static RolloutEvent note(String message) {
    return new RolloutEvent(Instant.now(), "note", RolloutEvent.Status.INFO, message, null);
  }
}
