package io.relevo.store;

import io.relevo.core.RelevoException;
import java.sql.Connection;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/** Brings a database's schema up to the version this relevo knows, or refuses with a reason. */
final class Migrations {

  private Migrations() {}

  /**
   * Applies pending migrations; returns at once, without Flyway, when {@code connection}'s schema
   * is already current ({@link SchemaCheck}).
   *
   * @throws RelevoException {@code UNAVAILABLE} when the schema is newer than this relevo, when no
   *     migrations are found (a jar packaged without its resources), or when Flyway fails
   */
  static void apply(Database database, Connection connection) {
    if (SchemaCheck.isCurrent(connection, database.migrationLocation())) {
      return;
    }
    Flyway flyway =
        // This class's loader, not the thread's context loader: in a shaded jar or a container the
        // context loader may not see our resources, and Flyway would find no migrations.
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(database.dataSource())
            .locations(database.migrationLocation())
            // Off so that a jar without its migrations meets refuseMissingMigrations' clearer
            // words.
            .failOnMissingLocations(false)
            // Flyway falls back to stdout when it picks no logger; the agent logs through SLF4J.
            .loggers("slf4j")
            .cleanDisabled(true)
            .load();
    try {
      MigrationInfo[] all = flyway.info().all();
      refuseNewerSchema(database, all);
      refuseMissingMigrations(database, all);
      flyway.migrate();
    } catch (FlywayException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          database.describe()
              + ": cannot bring its schema up to date: "
              + firstLine(e.getMessage()),
          e);
    }
  }

  private static void refuseNewerSchema(Database database, MigrationInfo[] all) {
    String newest = null;
    String known = null;
    for (MigrationInfo info : all) {
      MigrationState state = info.getState();
      if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
        newest = String.valueOf(info.getVersion());
      } else if (info.getVersion() != null && state.isResolved()) {
        known = String.valueOf(info.getVersion());
      }
    }
    if (newest != null) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          database.describe()
              + " has schema version "
              + newest
              + ", newer than this relevo knows ("
              + known
              + "); it was written by a newer relevo: upgrade relevo, or use another file");
    }
  }

  private static void refuseMissingMigrations(Database database, MigrationInfo[] all) {
    if (Arrays.stream(all).noneMatch(info -> info.getState().isResolved())) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          database.describe()
              + ": no schema migrations found at "
              + database.migrationLocation()
              + "; the relevo jar was packaged without its resources");
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
  }
}
