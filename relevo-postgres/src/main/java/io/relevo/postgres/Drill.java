package io.relevo.postgres;

import io.relevo.core.RelevoException;
import io.relevo.core.config.DatabaseUrl;
import io.relevo.core.database.RestoreDrill;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A restore drill: the dump restored into {@code DB_relevo_drill_XXXX} on the same server (the
 * URL's user needs CREATEDB), rows counted per table, the check query run, the scratch database
 * dropped however the drill ends.
 */
final class Drill {

  private Drill() {}

  static RestoreDrill run(String pgRestore, DatabaseUrl database, Path file, String checkQuery) {
    long start = System.nanoTime();
    String scratchName =
        (database.database()
                + "_relevo_drill_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff)))
            .toLowerCase(java.util.Locale.ROOT);
    DatabaseUrl scratch = database.withDatabase(scratchName);
    try (Connection admin = Connections.open(database)) {
      create(admin, scratchName, database);
      try {
        ToolRun run =
            ToolRun.of(
                List.of(
                    pgRestore,
                    "--no-owner",
                    "--exit-on-error",
                    "--no-password",
                    "--host=" + scratch.host(),
                    "--port=" + scratch.port(),
                    "--username=" + scratch.user(),
                    "--dbname=" + scratchName,
                    file.toString()),
                PgEnv.of(scratch),
                PostgresAdapter.DUMP_TIMEOUT);
        if (run.exitCode() != 0) {
          throw new RelevoException(
              RelevoException.Kind.FAILED,
              "the drill could not restore "
                  + file
                  + " (pg_restore exited with "
                  + run.exitCode()
                  + "): "
                  + run.tail(5));
        }
        try (Connection restored = Connections.open(scratch)) {
          Map<String, Long> counts = rowCounts(restored);
          String check = checkQuery.isEmpty() ? "" : check(restored, checkQuery);
          return new RestoreDrill(0, counts, check, Duration.ofNanos(System.nanoTime() - start));
        }
      } finally {
        try (Statement drop = admin.createStatement()) {
          drop.execute("DROP DATABASE IF EXISTS \"" + scratchName + "\" WITH (FORCE)");
        }
      }
    } catch (SQLException e) {
      throw Connections.explain(database, e);
    }
  }

  private static void create(Connection admin, String name, DatabaseUrl database) {
    try (Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new RelevoException(
          RelevoException.Kind.FAILED,
          "the drill cannot create a scratch database on "
              + database.host()
              + ":"
              + database.port()
              + " as \""
              + database.user()
              + "\": "
              + e.getMessage()
              + " (the user needs CREATEDB)");
    }
  }

  private static Map<String, Long> rowCounts(Connection connection) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> tables = new java.util.ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                    + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid ="
                    + " c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN"
                    + " ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
                    + " ORDER BY 1")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    for (String table : tables) {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
        rows.next();
        counts.put(table, rows.getLong(1));
      }
    }
    return counts;
  }

  private static String check(Connection connection, String query) {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      return rows.next() ? String.valueOf(rows.getObject(1)) : "(no rows)";
    } catch (SQLException e) {
      throw new RelevoException(
          RelevoException.Kind.FAILED,
          "the drill's check query failed on the restored copy: " + e.getMessage());
    }
  }
}
