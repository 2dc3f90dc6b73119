package io.relevo.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.DatabaseUrl;
import io.relevo.core.database.BackupHistory;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.EngineParts;
import io.relevo.core.engine.RollbackRequest;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations as rollout steps against a real PostgreSQL: psql scripts as the migration tool, the
 * real pg_dump backup first, the JSqlParser lint in between. The runtime and router are the
 * engine's fakes: what is under test is the database side.
 */
@ExtendWith(PostgresServer.class)
class MigrationStepsIT {

  @TempDir Path dir;
  private DatabaseUrl db;
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeRouter router = new FakeRouter();
  private final FakeChecks checks = new FakeChecks(runtime);
  private final List<RolloutEvent> events = new CopyOnWriteArrayList<>();
  private RolloutEngine engine;

  @BeforeEach
  void schema(PostgresServer server) throws Exception {
    db = server.newDatabase("alojamientos");
    PostgresServer.execute(
        db,
        "CREATE TABLE reservations (id serial PRIMARY KEY, guest text, total numeric)",
        "INSERT INTO reservations (guest, total) VALUES ('Ana', 120), ('Luis', 80)");
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(migrations.resolve("v1.sql"), "SELECT 1;\n");
    Files.writeString(
        migrations.resolve("v2.sql"),
        "-- additive\nALTER TABLE reservations ADD COLUMN nights integer DEFAULT 1 NOT NULL;\n");
    Files.writeString(
        migrations.resolve("v3.sql"),
        "-- destructive\nALTER TABLE reservations DROP COLUMN guest;\n");
    Files.writeString(migrations.resolve("broken.sql"), "ALTER TABLE reservations ADD COLUMN;\n");
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
  }

  private AppConfig config(String timeout) {
    return config(timeout, "");
  }

  private AppConfig config(String timeout, String extra) {
    String url =
        "postgresql://%s:%s@127.0.0.1:%d/%s"
            .formatted(db.user(), db.password(), db.port(), db.database());
    return ConfigLoader.parse(
        "relevo.yml",
        """
        app: alojamientos
        runtime:
          command: [run, "{version}"]
          env: {DATABASE_URL: "%s"}
        rollback:
          watch_after_promotion: 0s
        migrations:
          backup: {postgres: "%s", dir: backups}
          preview: cat migrations/$RELEVO_VERSION.sql
          apply: psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -q -f migrations/$RELEVO_VERSION.sql
          rollback: echo "undo $RELEVO_VERSION"
          timeout: %s
        %s"""
            .formatted(url, url, timeout, extra),
        Map.of());
  }

  private RolloutRecord deploy(String version, boolean allowDestructive, String reason) {
    return engine.deploy(
        new DeployRequest(config("1m"), dir, version, "ana", reason, false, null, allowDestructive),
        (id, event) -> events.add(event));
  }

  @Test
  void anAdditiveMigrationIsBackedUpPreviewedLintedAndAppliedBeforeTheRevisionStarts()
      throws Exception {
    RolloutRecord rollout = deploy("v2", false, "");

    assertThat(rollout.outcome()).as(rollout.outcomeReason()).isEqualTo(Outcome.PROMOTED);
    assertThat(columns()).contains("nights");
    List<String> steps = events.stream().map(RolloutEvent::step).distinct().toList();
    assertThat(steps).containsSubsequence("backup", "preview", "lint", "migrate", "start");
    assertThat(message("preview")).contains("ADD COLUMN nights integer DEFAULT 1 NOT NULL");
    assertThat(message("lint")).isEqualTo("the previewed SQL is additive");
  }

  @Test
  void aDestructiveMigrationIsRefusedByTheLintAndNothingRuns() throws Exception {
    deploy("v2", false, "");

    RolloutRecord rollout = deploy("v3", false, "");

    assertThat(rollout.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(rollout.outcomeReason())
        .startsWith(
            "migration lint refused 1 statement in the output of `cat"
                + " migrations/$RELEVO_VERSION.sql`:\n"
                + "  line 2: ALTER TABLE reservations DROP COLUMN guest: destructive: drops column"
                + " reservations.guest and its data; the previous revision still reads it\n"
                + "the migration did not run; make it additive (expand now, contract later) or"
                + " deploy with --allow-destructive --reason \"...\"")
        .endsWith("traffic stays on revision 1 (v2)");
    assertThat(columns()).contains("guest");
    assertThat(runtime.running("v3")).isEmpty();
    assertThat(router.servingRevision("alojamientos")).isEqualTo(1);
  }

  @Test
  void allowDestructiveAppliesItAndRecordsWhoAndWhy() throws Exception {
    RolloutRecord rollout = deploy("v3", true, "guest moved to guests table in v2");

    assertThat(rollout.outcome()).as(rollout.outcomeReason()).isEqualTo(Outcome.PROMOTED);
    assertThat(columns()).doesNotContain("guest");
    assertThat(events)
        .filteredOn(e -> e.step().equals("lint") && e.status() == RolloutEvent.Status.WARNING)
        .extracting(RolloutEvent::message)
        .singleElement()
        .asString()
        .startsWith(
            "1 lint errors allowed by ana with --allow-destructive: guest moved to guests table in"
                + " v2\n  line 2: ALTER TABLE reservations DROP COLUMN guest");
  }

  @Test
  void aFailingMigrationReportsItsExitCodeAndOutputRunsRollbackAndLeavesTrafficAlone()
      throws Exception {
    deploy("v2", false, "");

    RolloutRecord rollout = deploy("broken", false, "");

    assertThat(rollout.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(rollout.outcomeReason())
        .startsWith(
            "migration `psql \"$DATABASE_URL\" -v ON_ERROR_STOP=1 -q -f"
                + " migrations/$RELEVO_VERSION.sql` exited with 3; last lines:\n")
        .contains("ERROR:  syntax error")
        .contains("`echo \"undo $RELEVO_VERSION\"` undid it; the new revision was not started")
        .endsWith("traffic stays on revision 1 (v2)");
    assertThat(message("migrate-rollback")).contains("undo broken");
    assertThat(router.servingRevision("alojamientos")).isEqualTo(1);
  }

  @Test
  void aMigrationPastItsTimeoutIsKilled() throws Exception {
    Files.writeString(dir.resolve("migrations/slow.sql"), "SELECT pg_sleep(30);\n");

    RolloutRecord rollout =
        engine.deploy(
            new DeployRequest(config("2s"), dir, "slow", "ana", ""),
            (id, event) -> events.add(event));

    assertThat(rollout.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(rollout.outcomeReason()).contains("did not finish within 2s and was killed");
  }

  @Test
  void pastADestructiveMigrationACodeOnlyRollbackIsRefusedAndARestoreBringsTheDataBack()
      throws Exception {
    deploy("v2", false, "");
    RolloutRecord destructive = deploy("v3", true, "guest moved to guests");
    assertThat(destructive.events())
        .filteredOn(e -> e.step().equals("no-return"))
        .singleElement()
        .extracting(RolloutEvent::message)
        .asString()
        .startsWith(
            "point of no return: revision 2 (v3) applied a destructive migration (line 2: ALTER"
                + " TABLE reservations DROP COLUMN guest)");
    assertThat(engine.status("alojamientos").alerts())
        .anyMatch(a -> a.startsWith("point of no return: revision 2 (v3)"));
    long before =
        engine.backups("alojamientos").stream()
            .filter(b -> b.rolloutId() == destructive.id())
            .findFirst()
            .orElseThrow()
            .id();

    assertThatThrownBy(
            () ->
                engine.rollback(
                    new RollbackRequest("alojamientos", 1, "ana", "v3 is broken"), null))
        .isInstanceOf(RelevoException.class)
        .hasMessage(
            "revision 1 (v2) is older than rollout "
                + destructive.id()
                + ", which applied a destructive migration with revision 2 (a point of no return):"
                + " its code expects the old schema; roll back with --with-restore "
                + before
                + " (taken before that migration), or with --force --reason \"...\" to keep"
                + " today's data and schema");
    assertThat(columns()).doesNotContain("guest");

    RolloutRecord rollback =
        engine.rollback(
            new RollbackRequest("alojamientos", 1, "ana", "v3 is broken", false, before),
            (id, event) -> events.add(event));

    assertThat(rollback.outcome()).as(rollback.outcomeReason()).isEqualTo(Outcome.RESTORED);
    assertThat(columns()).contains("guest");
    assertThat(guests()).containsExactlyInAnyOrder("Ana", "Luis");
    assertThat(rollback.events())
        .extracting(RolloutEvent::step)
        .containsSubsequence("backup", "restore", "switch");
    assertThat(engine.status("alojamientos").alerts()).noneMatch(a -> a.contains("no return"));
  }

  @Test
  void forceTakesTheCodeBackWithoutTheDataAndSaysWhoAndWhy() throws Exception {
    deploy("v2", false, "");
    deploy("v3", true, "guest moved to guests");

    RolloutRecord rollback =
        engine.rollback(
            new RollbackRequest("alojamientos", 1, "ana", "v2 copes without guest", true, null),
            (id, event) -> events.add(event));

    assertThat(rollback.outcome()).isEqualTo(Outcome.RESTORED);
    assertThat(columns()).doesNotContain("guest");
    assertThat(rollback.events())
        .filteredOn(e -> e.step().equals("no-return"))
        .extracting(RolloutEvent::message)
        .singleElement()
        .asString()
        .startsWith("ana forced a code-only rollback past the point of no return of rollout ")
        .endsWith(": v2 copes without guest");
  }

  @Test
  void theContractRunsOnlyAfterPromotionWithABackupFirstAndMarksThePointOfNoReturn()
      throws Exception {
    Files.writeString(
        dir.resolve("migrations/contract.sql"), "ALTER TABLE reservations DROP COLUMN guest;\n");
    AppConfig config =
        config(
            "1m",
            "  contract: psql \"$DATABASE_URL\" -v ON_ERROR_STOP=1 -q -f migrations/contract.sql\n");
    assertThat(config.migrations().contract()).isPresent();

    RolloutRecord rollout =
        engine.deploy(
            new DeployRequest(config, dir, "v2", "ana", ""), (id, event) -> events.add(event));

    assertThat(rollout.outcome()).as(rollout.outcomeReason()).isEqualTo(Outcome.PROMOTED);
    assertThat(columns()).contains("nights").doesNotContain("guest");
    assertThat(rollout.events())
        .extracting(RolloutEvent::step)
        .containsSubsequence("migrate", "start", "switch", "backup", "contract", "no-return");
    assertThat(engine.backups("alojamientos"))
        .extracting(b -> b.trigger())
        .contains("before the contract of rollout " + rollout.id());
  }

  private List<String> guests() throws Exception {
    String jdbc = "jdbc:postgresql://127.0.0.1:" + db.port() + "/" + db.database();
    try (Connection connection = DriverManager.getConnection(jdbc, db.user(), db.password());
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT guest FROM reservations")) {
      List<String> names = new ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString(1));
      }
      return names;
    }
  }

  private String message(String step) {
    return events.stream()
        .filter(e -> e.step().equals(step) && e.status() != RolloutEvent.Status.STARTED)
        .map(RolloutEvent::message)
        .findFirst()
        .orElseThrow();
  }

  private List<String> columns() throws Exception {
    String jdbc = "jdbc:postgresql://127.0.0.1:" + db.port() + "/" + db.database();
    try (Connection connection = DriverManager.getConnection(jdbc, db.user(), db.password());
        ResultSet rows =
            connection.getMetaData().getColumns(null, "public", "reservations", null)) {
      List<String> names = new ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString("COLUMN_NAME"));
      }
      return names;
    }
  }
}
