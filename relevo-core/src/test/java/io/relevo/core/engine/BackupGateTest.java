package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.database.Backup;
import io.relevo.core.database.BackupHistory;
import io.relevo.core.database.DatabaseAdapter;
import io.relevo.core.database.Databases;
import io.relevo.core.database.DumpResult;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup gate's decisions. The database port here writes a small file or fails as told; the
 * real pg_dump adapter is tested against a real server in relevo-postgres.
 */
class BackupGateTest {

  private static final String SHA = "0f".repeat(32);

  @TempDir Path baseDir;
  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeRouter router = new FakeRouter();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeChecks checks = new FakeChecks(runtime);
  private final BackupHistory backups = BackupHistory.inMemory();
  private volatile String databaseDown;
  private final DatabaseAdapter adapter =
      (database, file) -> {
        if (databaseDown != null) {
          throw new RelevoException(RelevoException.Kind.UNAVAILABLE, databaseDown);
        }
        try {
          Files.writeString(file, "PGDMP dump of " + database.database());
          return new DumpResult(Files.size(file), SHA, 2);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
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
                  Map.of())
              .withDatabases(new Databases(adapter, backups)));
  private final List<RolloutEvent> events = new CopyOnWriteArrayList<>();

  private static AppConfig config(int keep) {
    return ConfigLoader.parse(
        "relevo.yml",
        """
        app: shop
        runtime:
          command: [run, "{version}"]
        rollback:
          keep_previous: 10m
        migrations:
          backup: {postgres: "postgresql://shop:pw@db:5432/shop", keep: %d, max_age: 1h}
        """
            .formatted(keep),
        Map.of());
  }

  private RolloutRecord deploy(String version, int keep) {
    return engine.deploy(
        new DeployRequest(config(keep), baseDir, version, "ana", ""),
        (id, event) -> events.add(event));
  }

  @Test
  void aDeployWithMigrationsBacksUpBeforeTheNewRevisionStarts() {
    RolloutRecord rollout = deploy("v1", 10);

    assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
    Backup backup = backups.backups("shop").getFirst();
    assertThat(backup.rolloutId()).isEqualTo(rollout.id());
    assertThat(backup.revision()).isEqualTo(1);
    assertThat(Path.of(backup.file()))
        .exists()
        .hasParent(baseDir.resolve("backups"))
        .hasFileName("shop-r1-" + stamp() + ".dump");
    List<String> steps = events.stream().map(RolloutEvent::step).toList();
    assertThat(steps.indexOf("backup")).isLessThan(steps.indexOf("start"));
    assertThat(events)
        .filteredOn(e -> e.status() == RolloutEvent.Status.OK && e.step().equals("backup"))
        .singleElement()
        .extracting(RolloutEvent::message)
        .asString()
        .contains("2 tables", "sha256 0f0f0f0f0f0f…", "verified");
  }

  @Test
  void withoutABackupAndNoneRecentTheDeployFailsBeforeAnythingStarts() {
    deploy("v1", 10);
    clock.advance(Duration.ofHours(2));
    databaseDown = "cannot reach PostgreSQL at db:5432: connection refused";

    RolloutRecord rollout = deploy("v2", 10);

    assertThat(rollout.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(rollout.outcomeReason())
        .startsWith(
            "backup failed: cannot reach PostgreSQL at db:5432: connection refused; the newest"
                + " backup (1) is 2h old, older than migrations.backup.max_age 1h, so the deploy"
                + " did not start")
        .endsWith("traffic stays on revision 1 (v1)");
    assertThat(runtime.running("v2")).isEmpty();
    assertThat(router.servingRevision("shop")).isEqualTo(1);
  }

  @Test
  void aRecentBackupLetsTheDeployGoOnWhenNoneCanBeTakenNowAndSaysSo() {
    deploy("v1", 10);
    clock.advance(Duration.ofMinutes(20));
    databaseDown = "cannot reach PostgreSQL at db:5432: connection refused";

    RolloutRecord rollout = deploy("v2", 10);

    assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(events)
        .filteredOn(e -> e.status() == RolloutEvent.Status.WARNING)
        .extracting(RolloutEvent::message)
        .containsExactly(
            "no new backup: cannot reach PostgreSQL at db:5432: connection refused; going on with"
                + " backup 1, 20m old (max_age 1h)");
  }

  @Test
  void aFirstDeployWithoutAnyBackupIsRefused() {
    databaseDown = "PostgreSQL at db:5432 refused user \"shop\": wrong password";

    RolloutRecord rollout = deploy("v1", 10);

    assertThat(rollout.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(rollout.outcomeReason())
        .contains("no earlier backup of shop exists, so the deploy did not start");
    assertThat(runtime.running("v1")).isEmpty();
  }

  @Test
  void oldBackupsBeyondKeepAreDeletedButNotOneAWarmRevisionsRolloutNeeds() {
    deploy("v1", 1);
    clock.advance(Duration.ofMinutes(11));
    engine.tick();
    deploy("v2", 1);
    Path first = Path.of(backups.backups("shop").get(1).file());
    clock.advance(Duration.ofMinutes(11));
    engine.tick();

    deploy("v3", 1);

    assertThat(backups.backups("shop")).extracting(Backup::revision).containsExactly(3, 2);
    assertThat(first).doesNotExist();
    assertThat(runtime.running("v2")).as("revision 2 is warm, so its backup is kept").isPresent();
  }

  @Test
  void twoBackupsInTheSameSecondGetTwoFiles() {
    deploy("v1", 10);

    Backup second = engine.backup("shop", "ana");

    List<Backup> all = backups.backups("shop");
    assertThat(all).extracting(Backup::file).doesNotHaveDuplicates();
    assertThat(second.file()).endsWith("-2.dump");
    assertThat(Path.of(all.get(1).file())).exists();
  }

  @Test
  void aBackupOnDemandIsRecordedForTheStableRevision() {
    deploy("v1", 10);

    Backup backup = engine.backup("shop", "ana");

    assertThat(backup.rolloutId()).isZero();
    assertThat(backup.revision()).isEqualTo(1);
    assertThat(backup.trigger()).isEqualTo("on demand by ana");
    assertThat(engine.backups("shop")).first().isEqualTo(backup);
  }

  private String stamp() {
    return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(java.time.ZoneOffset.UTC)
        .format(clock.instant());
  }
}
