package io.relevo.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.config.DatabaseUrl;
import io.relevo.core.database.DatabaseAdapter;
import io.relevo.core.database.DumpResult;
import io.relevo.core.runtime.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresServer.class)
class PostgresAdapterIT {

  @TempDir Path dir;

  @Test
  void aDumpIsVerifiedAgainstTheLiveSchemaAndCarriesItsSizeAndChecksum(PostgresServer server)
      throws Exception {
    DatabaseUrl db = server.newDatabase("shop");
    PostgresServer.execute(
        db,
        "CREATE TABLE accommodations (id serial PRIMARY KEY, name text NOT NULL)",
        "CREATE TABLE reservations (id serial PRIMARY KEY, accommodation int REFERENCES"
            + " accommodations, guest text)",
        "CREATE SCHEMA audit",
        "CREATE TABLE audit.log (at timestamptz DEFAULT now(), line text)",
        "INSERT INTO accommodations (name) SELECT 'cabin ' || g FROM generate_series(1, 200) g");
    Path file = dir.resolve("shop.dump");

    DumpResult dump = Postgres.adapter(server.bin()).dump(db, file);

    assertThat(dump.tables()).isEqualTo(3);
    assertThat(dump.sizeBytes()).isEqualTo(Files.size(file)).isPositive();
    assertThat(dump.sha256()).isEqualTo(DumpCheck.sha256(file));
    ToolRun list =
        ToolRun.of(
            List.of(server.bin().resolve("pg_restore").toString(), "--list", file.toString()),
            Map.of(),
            Duration.ofSeconds(30));
    assertThat(list.output()).contains("TABLE public reservations", "TABLE audit log");
  }

  @Test
  void anUnreachableDatabaseIsNamedByHostAndPortWithWhatFailed() {
    int port = FreePort.pick();
    DatabaseUrl nowhere = new DatabaseUrl("127.0.0.1", port, "shop", "app", "s3cret-pw");

    assertThatThrownBy(() -> adapter().dump(nowhere, dir.resolve("x.dump")))
        .isInstanceOf(RelevoException.class)
        .hasMessageStartingWith(
            "cannot reach PostgreSQL at 127.0.0.1:" + port + ": connection refused")
        .hasMessageNotContaining("s3cret-pw");
    assertThat(dir.resolve("x.dump")).doesNotExist();
  }

  @Test
  void aWrongPasswordIsSaidWithoutShowingThePassword(PostgresServer server) {
    DatabaseUrl db = server.newDatabase("shop");
    DatabaseUrl wrong =
        new DatabaseUrl(db.host(), db.port(), db.database(), db.user(), "not-the-password-42");

    assertThatThrownBy(() -> adapter().dump(wrong, dir.resolve("x.dump")))
        .hasMessage(
            "PostgreSQL at 127.0.0.1:"
                + server.port()
                + " refused user \"relevo\": wrong password (the one in the URL, not shown); check"
                + " migrations.backup.postgres (the URL is postgresql://relevo:***@127.0.0.1:"
                + server.port()
                + "/"
                + db.database()
                + ")")
        .hasMessageNotContaining("not-the-password-42");
  }

  @Test
  void aDatabaseThatDoesNotExistIsNamed(PostgresServer server) {
    assertThatThrownBy(() -> adapter().dump(server.url("nope"), dir.resolve("x.dump")))
        .hasMessageStartingWith(
            "PostgreSQL at 127.0.0.1:" + server.port() + " has no database \"nope\"");
  }

  @Test
  void aMissingPgDumpSaysWhereItLookedAndHowToGetIt(PostgresServer server) throws Exception {
    Path empty = Files.createDirectories(dir.resolve("bin"));

    assertThatThrownBy(
            () ->
                new PostgresAdapter(PgTools.find(Map.of("RELEVO_PG_BIN", empty.toString())))
                    .dump(server.newDatabase("shop"), dir.resolve("x.dump")))
        .hasMessage(
            "pg_dump not found (looked in RELEVO_PG_BIN="
                + empty
                + "); install the PostgreSQL client tools of the server's major version (Debian:"
                + " apt-get install postgresql-client) or set RELEVO_PG_BIN to their folder");
  }

  /**
   * No older pg_dump is installed here, so a script stands in for one: it answers {@code --version}
   * as PostgreSQL 12's does. The check must refuse before running it for a dump.
   */
  @Test
  void aPgDumpOfAnOlderMajorThanTheServerIsRefusedBeforeItRuns(PostgresServer server)
      throws Exception {
    Path bin = Files.createDirectories(dir.resolve("old-bin"));
    Path pgDump = bin.resolve("pg_dump");
    Files.writeString(pgDump, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 12.22'\n");
    Files.setPosixFilePermissions(pgDump, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(bin.resolve("pg_restore"), server.bin().resolve("pg_restore"));

    assertThatThrownBy(
            () -> Postgres.adapter(bin).dump(server.newDatabase("shop"), dir.resolve("x.dump")))
        .hasMessageStartingWith("pg_dump 12 (" + pgDump + ") cannot dump the PostgreSQL 15 server")
        .hasMessageEndingWith(
            "install the client tools of version 15 or newer (Debian: postgresql-client-15) or"
                + " set RELEVO_PG_BIN to their folder");
  }

  private static DatabaseAdapter adapter() {
    return PostgresServer.binaries().map(Postgres::adapter).orElseThrow();
  }
}
