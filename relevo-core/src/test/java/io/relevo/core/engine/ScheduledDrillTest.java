package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relevo.core.RelevoException;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.DatabaseUrl;
import io.relevo.core.database.BackupHistory;
import io.relevo.core.database.DatabaseAdapter;
import io.relevo.core.database.Databases;
import io.relevo.core.database.DumpResult;
import io.relevo.core.database.RestoreDrill;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import io.relevo.core.testing.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrations.backup.drill_every}: the agent drills the newest backup by itself. */
class ScheduledDrillTest {

  @TempDir Path baseDir;
  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeChecks checks = new FakeChecks(runtime);
  private final AtomicInteger drills = new AtomicInteger();
  private volatile String drillFailure;

  private final DatabaseAdapter adapter =
      new DatabaseAdapter() {
        @Override
        public DumpResult dump(DatabaseUrl database, Path file) {
          try {
            Files.writeString(file, "PGDMP dump of " + database.database());
            return new DumpResult(Files.size(file), "0f".repeat(32), 2);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public RestoreDrill drill(DatabaseUrl database, Path file, String checkQuery) {
          drills.incrementAndGet();
          if (drillFailure != null) {
            throw new RelevoException(RelevoException.Kind.UNAVAILABLE, drillFailure);
          }
          return new RestoreDrill(0, Map.of("public.reservations", 3L), "", Duration.ofSeconds(1));
        }
      };

  private final RolloutEngine engine =
      new RolloutEngine(
          new EngineParts(
                  runtime,
                  new FakeRouter(),
                  new InMemoryStore(),
                  null,
                  checks,
                  checks,
                  clock,
                  clock,
                  Path.of("/tmp/relevo-test"),
                  Map.of())
              .withDatabases(new Databases(adapter, BackupHistory.inMemory())));

  private void deploy() {
    engine.deploy(
        new DeployRequest(
            ConfigLoader.parse(
                "relevo.yml",
                """
                app: shop
                runtime:
                  command: [run, "{version}"]
                migrations:
                  backup: {postgres: "postgresql://shop:pw@db:5432/shop", drill_every: 1h}
                """,
                Map.of()),
            baseDir,
            "v1",
            "ana",
            ""),
        RolloutListener.none());
  }

  private boolean drillAlertShown() {
    return engine.status("shop").alerts().stream().anyMatch(a -> a.contains("restore drill"));
  }

  @Test
  void aDrillRunsOncePerPeriodAndAFailedOneShowsInStatusUntilOnePasses() {
    deploy();
    engine.tick();
    clock.advance(Duration.ofMinutes(59));
    engine.tick();
    assertThat(drills).hasValue(0);

    clock.advance(Duration.ofMinutes(2));
    engine.tick();
    await().atMost(Duration.ofSeconds(10)).until(() -> drills.get() == 1);
    engine.tick();
    assertThat(drills).hasValue(1);
    assertThat(drillAlertShown()).isFalse();

    drillFailure = "cannot reach PostgreSQL at db:5432: connection refused";
    clock.advance(Duration.ofHours(1));
    engine.tick();
    await().atMost(Duration.ofSeconds(10)).until(this::drillAlertShown);
    assertThat(engine.status("shop").alerts())
        .anySatisfy(
            a ->
                assertThat(a)
                    .contains("restore drill failed", "connection refused")
                    .contains("relevo backup verify shop"));

    drillFailure = null;
    clock.advance(Duration.ofHours(1));
    engine.tick();
    await().atMost(Duration.ofSeconds(10)).until(() -> !drillAlertShown());
    assertThat(drills).hasValue(3);
  }

  @Test
  void aDrillMoreOftenThanOnceAMinuteIsAConfigError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "relevo.yml",
                    """
                    app: shop
                    runtime:
                      command: [run, "{version}"]
                    migrations:
                      backup: {postgres: "postgresql://shop:pw@db:5432/shop", drill_every: 10s}
                    """,
                    Map.of()))
        .hasMessageContaining(
            "relevo.yml:5: migrations.backup.drill_every: a restore drill every 10s (expected: 1m"
                + " or more)");
  }
}
