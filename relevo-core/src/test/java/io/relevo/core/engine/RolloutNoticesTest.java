package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.NotifyEvent;
import io.relevo.core.notify.RolloutNotice;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import io.relevo.core.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the notifier hears of a rollout: started, waiting for approval, and how it ended. */
class RolloutNoticesTest {

  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final List<RolloutNotice> heard = new CopyOnWriteArrayList<>();
  private final FakeChecks checks = new FakeChecks(runtime);
  private final RolloutEngine engine =
      new RolloutEngine(
          new EngineParts(
              runtime,
              new FakeRouter(),
              new InMemoryStore(),
              heard::add,
              checks,
              checks,
              clock,
              clock,
              Path.of("/tmp/relevo-test"),
              Map.of()));

  private RolloutRecord deploy(String version, String steps) {
    String yaml =
        """
        app: shop
        env: staging
        runtime:
          command: [run, "{version}"]
        strategy:
          canary:
            steps: %s
        """
            .formatted(steps);
    return engine.deploy(
        new DeployRequest(
            ConfigLoader.parse("relevo.yml", yaml, Map.of()),
            Path.of("/srv/shop"),
            version,
            "ana",
            "ticket 12"),
        RolloutListener.none());
  }

  @Test
  void aCanaryThatPausesForAPersonIsHeardStartingWaitingAndPromoted() {
    deploy("v1", "[{weight: 100}]");
    heard.clear();

    CompletableFuture<RolloutRecord> rollout =
        CompletableFuture.supplyAsync(() -> deploy("v2", "[{weight: 10}, {pause: {}}]"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> heard.stream().anyMatch(n -> n.event() == NotifyEvent.WAITING_FOR_APPROVAL));
    engine.promote("shop", true, "ana");
    rollout.join();

    assertThat(heard)
        .extracting(RolloutNotice::event)
        .containsExactly(
            NotifyEvent.STARTED, NotifyEvent.WAITING_FOR_APPROVAL, NotifyEvent.PROMOTED);
    RolloutNotice promoted = heard.getLast();
    assertThat(promoted.env()).isEqualTo("staging");
    assertThat(promoted.fromVersion()).isEqualTo("v1");
    assertThat(promoted.toVersion()).isEqualTo("v2");
    assertThat(promoted.rollout().actor()).isEqualTo("ana");
    assertThat(promoted.rollbackCommand()).isEqualTo("relevo rollback shop --to 1");
  }

  @Test
  void aRollbackIsHeardAsStartedThenRolledBack() {
    deploy("v1", "[{weight: 100}]");
    deploy("v2", "[{weight: 100}]");
    heard.clear();

    engine.rollback(new RollbackRequest("shop", 1, "ana", "bad release"), RolloutListener.none());

    assertThat(heard)
        .extracting(RolloutNotice::event)
        .containsExactly(NotifyEvent.STARTED, NotifyEvent.ROLLED_BACK);
    assertThat(heard.getFirst().rollout().kind()).isEqualTo(RolloutRecord.Kind.ROLLBACK);
    assertThat(heard.getLast().toVersion()).isEqualTo("v1");
  }

  @Test
  void aNotifierThatThrowsDoesNotStopTheRollout() {
    RolloutEngine throwing =
        new RolloutEngine(
            new EngineParts(
                runtime,
                new FakeRouter(),
                new InMemoryStore(),
                notice -> {
                  throw new IllegalStateException("slack is down");
                },
                checks,
                checks,
                clock,
                clock,
                Path.of("/tmp/relevo-test"),
                Map.of()));
    String yaml = "app: shop\nruntime:\n  command: [run, \"{version}\"]\n";

    RolloutRecord r =
        throwing.deploy(
            new DeployRequest(
                ConfigLoader.parse("relevo.yml", yaml, Map.of()),
                Path.of("/srv/shop"),
                "v1",
                "ana",
                ""),
            RolloutListener.none());

    assertThat(r.outcome()).isEqualTo(RolloutRecord.Outcome.PROMOTED);
  }

  @Test
  void whatTheNotifierReportsShowsInTheAppsStatus() {
    RolloutEngine engine =
        new RolloutEngine(
            new EngineParts(
                runtime,
                new FakeRouter(),
                new InMemoryStore(),
                new io.relevo.core.notify.Notifier() {
                  @Override
                  public void notify(RolloutNotice notice) {}

                  @Override
                  public List<String> problems(String app) {
                    return List.of("notify.webhook: the promoted notice of rollout 1 failed");
                  }
                },
                checks,
                checks,
                clock,
                clock,
                Path.of("/tmp/relevo-test"),
                Map.of()));
    String yaml = "app: shop\nruntime:\n  command: [run, \"{version}\"]\n";
    engine.deploy(
        new DeployRequest(
            ConfigLoader.parse("relevo.yml", yaml, Map.of()),
            Path.of("/srv/shop"),
            "v1",
            "ana",
            ""),
        RolloutListener.none());

    assertThat(engine.status("shop").alerts())
        .containsExactly("notify.webhook: the promoted notice of rollout 1 failed");
  }
}
