package io.relevo.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.DatabaseUrl;
import io.relevo.core.database.Backup;
import io.relevo.core.database.BackupHistory;
import io.relevo.core.database.RestoreDrill;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.EngineParts;
import io.relevo.core.engine.RestoreRequest;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Restore drills and restores for real, against a real PostgreSQL. */
@ExtendWith(PostgresServer.class)
class RestoreIT {

  @TempDir Path dir;
  private DatabaseUrl db;
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeRouter router = new FakeRouter();
  private final FakeChecks checks = new FakeChecks(runtime);
  private RolloutEngine engine;

  @BeforeEach
  void deployed(PostgresServer server) {
    db = server.newDatabase("alojamientos");
    PostgresServer.execute(
        db,
        "CREATE TABLE accommodations (id serial PRIMARY KEY, name text NOT NULL)",
        "CREATE TABLE reservations (id serial PRIMARY KEY, guest text)",
        "INSERT INTO accommodations (name) SELECT 'cabin ' || g FROM generate_series(1, 7) g",
        "INSERT INTO reservations (guest) VALUES ('Ana'), ('Luis')");
    engine =
        new RolloutEngine(
            new EngineParts(
                    runtime,
                    router,
                    new InMemoryStore(),
                    null,
                    checks,
                    checks,
                    InstantSource.system(),
                    null,
                    dir.resolve("state"),
                    Map.of())
                .withDatabases(
                    Postgres.databases(
                        Map.of("RELEVO_PG_BIN", server.bin().toString()),
                        BackupHistory.inMemory())));
    String url =
        "postgresql://%s:%s@127.0.0.1:%d/%s"
            .formatted(db.user(), db.password(), db.port(), db.database());
    AppConfig config =
        ConfigLoader.parse(
            "relevo.yml",
            """
            app: alojamientos
            runtime:
              command: [run, "{version}"]
            migrations:
              backup: {postgres: "%s", check: "SELECT count(*) FROM reservations"}
            """
                .formatted(url),
            Map.of());
    RolloutRecord first =
        engine.deploy(new DeployRequest(config, dir, "v1", "ana", ""), (id, e) -> {});
    assertThat(first.outcome()).isEqualTo(Outcome.PROMOTED);
  }

  @Test
  void aDrillRestoresIntoAScratchDatabaseCountsRowsAndRunsTheCheck() throws Exception {
    PostgresServer.execute(db, "INSERT INTO reservations (guest) VALUES ('after the backup')");

    RestoreDrill drill = engine.verifyBackup("alojamientos", null);

    assertThat(drill.rowCounts())
        .containsExactly(
            Map.entry("public.accommodations", 7L), Map.entry("public.reservations", 2L));
    assertThat(drill.check()).isEqualTo("2");
    assertThat(count("reservations")).as("the live database is untouched").isEqualTo(3);
    assertThat(databases()).noneMatch(name -> name.contains("_relevo_drill_"));
  }

  @Test
  void aRestoreBacksUpTheCurrentStateStopsTrafficRestoresAndBringsTrafficBack() throws Exception {
    Backup before = engine.backups("alojamientos").getFirst();
    PostgresServer.execute(db, "DELETE FROM reservations", "DROP TABLE accommodations");
    TrafficSplit split = router.current("alojamientos");

    RolloutRecord restore =
        engine.restore(
            new RestoreRequest("alojamientos", before.id(), "ana", "bad delete at 10:02", true),
            (id, e) -> {});

    assertThat(restore.outcome()).as(restore.outcomeReason()).isEqualTo(Outcome.RESTORED);
    assertThat(restore.kind()).isEqualTo(RolloutRecord.Kind.RESTORE);
    assertThat(count("reservations")).isEqualTo(2);
    assertThat(count("accommodations")).isEqualTo(7);
    assertThat(router.history).contains(TrafficSplit.none());
    assertThat(router.current("alojamientos")).isEqualTo(split);
    assertThat(restore.events())
        .extracting(RolloutEvent::step)
        .containsSubsequence("backup", "traffic", "traffic", "restore");
    assertThat(restore.events())
        .filteredOn(e -> e.step().equals("traffic") && e.status() == RolloutEvent.Status.WARNING)
        .extracting(RolloutEvent::message)
        .singleElement()
        .asString()
        .contains("relevo cannot stop writes that do not come through it");
    assertThat(engine.backups("alojamientos").getFirst().trigger())
        .isEqualTo("before restoring backup " + before.id());
  }

  @Test
  void aRestoreNeedsYesAndAReason() {
    assertThatThrownBy(() -> new RestoreRequest("alojamientos", 1, "ana", "", true))
        .isInstanceOf(RelevoException.class)
        .hasMessage(
            "a restore replaces the data of alojamientos's database (expected: --yes and --reason"
                + " \"why\"; the current state is backed up first)");
  }

  private long count(String table) throws Exception {
    try (Connection connection = connect(db.database());
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private java.util.List<String> databases() throws Exception {
    try (Connection connection = connect("postgres");
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT datname FROM pg_database")) {
      java.util.List<String> names = new java.util.ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString(1));
      }
      return names;
    }
  }

  private Connection connect(String database) throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + db.port() + "/" + database, db.user(), db.password());
  }
}
