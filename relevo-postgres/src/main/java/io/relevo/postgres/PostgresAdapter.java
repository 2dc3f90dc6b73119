package io.relevo.postgres;

import io.relevo.core.RelevoException;
import io.relevo.core.config.DatabaseUrl;
import io.relevo.core.database.DatabaseAdapter;
import io.relevo.core.database.DumpResult;
import io.relevo.core.database.RestoreDrill;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Backs up with the real {@code pg_dump -Fc} and verifies with {@code pg_restore --list}; reads the
 * live schema over JDBC to check that the dump holds every table.
 */
final class PostgresAdapter implements DatabaseAdapter {

  static final Duration DUMP_TIMEOUT = Duration.ofMinutes(30);

  private final PgTools tools;

  PostgresAdapter(PgTools tools) {
    this.tools = tools;
  }

  @Override
  public DumpResult dump(DatabaseUrl database, Path file) {
    String pgDump = tools.command("pg_dump");
    String pgRestore = tools.command("pg_restore");
    try (Connection connection = Connections.open(database)) {
      int server = LiveSchema.serverMajor(connection);
      int client = tools.major("pg_dump");
      if (client < server) {
        throw new RelevoException(
            RelevoException.Kind.UNAVAILABLE,
            "pg_dump "
                + client
                + " ("
                + pgDump
                + ") cannot dump the PostgreSQL "
                + server
                + " server at "
                + database.host()
                + ":"
                + database.port()
                + "; install the client tools of version "
                + server
                + " or newer (Debian: postgresql-client-"
                + server
                + ") or set RELEVO_PG_BIN to their folder");
      }
      ToolRun run =
          ToolRun.of(
              List.of(
                  pgDump,
                  "--format=custom",
                  "--no-password",
                  "--file=" + file,
                  "--host=" + database.host(),
                  "--port=" + database.port(),
                  "--username=" + database.user(),
                  "--dbname=" + database.database()),
              PgEnv.of(database),
              DUMP_TIMEOUT);
      if (run.exitCode() != 0) {
        throw new RelevoException(
            RelevoException.Kind.FAILED,
            "pg_dump of "
                + database.redacted()
                + " exited with "
                + run.exitCode()
                + ": "
                + run.tail(5));
      }
      return DumpCheck.verify(pgRestore, file, LiveSchema.tableCount(connection));
    } catch (SQLException e) {
      throw Connections.explain(database, e);
    }
  }

  @Override
  public RestoreDrill drill(DatabaseUrl database, Path file, String checkQuery) {
    return Drill.run(tools.command("pg_restore"), database, file, checkQuery);
  }

  /**
   * {@code pg_restore --clean --if-exists --single-transaction --exit-on-error}: the dump's objects
   * are dropped and recreated with its data in one transaction, so a failed restore changes
   * nothing. Tables created after the dump are left alone.
   */
  @Override
  public void restore(DatabaseUrl database, Path file) {
    String pgRestore = tools.command("pg_restore");
    try (Connection connection = Connections.open(database)) {
      LiveSchema.serverMajor(connection);
    } catch (SQLException e) {
      throw Connections.explain(database, e);
    }
    ToolRun run =
        ToolRun.of(
            List.of(
                pgRestore,
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--exit-on-error",
                "--no-owner",
                "--no-password",
                "--host=" + database.host(),
                "--port=" + database.port(),
                "--username=" + database.user(),
                "--dbname=" + database.database(),
                file.toString()),
            PgEnv.of(database),
            DUMP_TIMEOUT);
    if (run.exitCode() != 0) {
      throw new RelevoException(
          RelevoException.Kind.FAILED,
          "pg_restore of "
              + file
              + " into "
              + database.redacted()
              + " exited with "
              + run.exitCode()
              + " and changed nothing: "
              + run.tail(5));
    }
  }
}
