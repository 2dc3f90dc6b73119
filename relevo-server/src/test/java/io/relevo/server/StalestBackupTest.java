package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.DatabaseUrl;
import io.relevo.core.database.BackupHistory;
import io.relevo.core.database.DatabaseAdapter;
import io.relevo.core.database.Databases;
import io.relevo.core.database.DumpResult;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.EngineParts;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.RolloutListener;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup age /metrics exports: the stalest app's newest backup. */
class StalestBackupTest {

  @TempDir Path baseDir;
  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeChecks checks = new FakeChecks(runtime);
  private final DatabaseAdapter adapter =
      (DatabaseUrl database, Path file) -> {
        try {
          Files.writeString(file, "PGDMP dump of " + database.database());
          return new DumpResult(Files.size(file), "0f".repeat(32), 2);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
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
  private final StalestBackup age = new StalestBackup(() -> engine, clock);

  private void deploy(String app, String backup) {
    engine.deploy(
        new DeployRequest(
            ConfigLoader.parse(
                "relevo.yml",
                "app: " + app + "\nruntime:\n  command: [run, \"{version}\"]\n" + backup,
                Map.of()),
            baseDir,
            "v1",
            "ana",
            ""),
        RolloutListener.none());
  }

  @Test
  void theAgeIsThatOfTheStalestAppsNewestBackup() {
    assertThat(age.age()).isEmpty();
    deploy("web", "");
    assertThat(age.age()).as("an app without backups is left out").isEmpty();

    deploy(
        "shop",
        "migrations:\n  backup: {postgres: \"postgresql://shop:pw@db:5432/shop\", dir: shop}\n");
    clock.advance(Duration.ofMinutes(20));
    deploy(
        "rooms",
        "migrations:\n  backup: {postgres: \"postgresql://r:pw@db:5432/rooms\", dir: rooms}\n");
    clock.advance(Duration.ofMinutes(10));

    assertThat(age.age()).contains(Duration.ofMinutes(30));
    engine.backup("shop", "ana");
    assertThat(age.age()).contains(Duration.ofMinutes(10));
  }
}
