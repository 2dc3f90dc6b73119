package io.relevo.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Tells, without Flyway, whether a database's schema is already at the newest migration this relevo
 * ships: its {@code flyway_schema_history} holds exactly the versions of the migrations in {@code
 * migrations.list} (written at build time from {@code db/migration}, see relevo-store's pom), each
 * applied successfully. Flyway finds its migrations by scanning the classpath, which in the agent's
 * jar (33,000 entries) is most of the time a store takes to open; when this says current, Flyway
 * has nothing to do and is not started. Anything else (a migration not applied yet, a schema from a
 * newer relevo, a failed migration, a repeatable migration, no list) goes through Flyway as before.
 */
final class SchemaCheck {

  /** Where the migrations that {@code migrations.list} names live. */
  static final String LOCATION = "classpath:db/migration";

  private static final String LIST = "migrations.list";

  private SchemaCheck() {}

  /** Whether the schema behind {@code connection} is current for migrations at {@code location}. */
  static boolean isCurrent(Connection connection, String location) {
    if (!LOCATION.equals(location)) {
      return false;
    }
    return shippedVersions().map(shipped -> applied(connection).equals(shipped)).orElse(false);
  }

  /**
   * The versions of the migrations in the jar, or empty when there is no list or it names a
   * migration this check does not understand (only versioned {@code V<version>__<name>.sql}).
   */
  static Optional<Set<String>> shippedVersions() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(LIST)) {
      if (in == null) {
        return Optional.empty();
      }
      Set<String> versions = new HashSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String name = line.strip();
        if (name.isEmpty()) {
          continue;
        }
        int separator = name.indexOf("__");
        if (!name.startsWith("V") || separator < 2 || !name.endsWith(".sql")) {
          return Optional.empty();
        }
        versions.add(name.substring(1, separator).replace('_', '.'));
      }
      return versions.isEmpty() ? Optional.empty() : Optional.of(versions);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The versions applied successfully; one failed row or no history table gives a set of none. */
  private static Set<String> applied(Connection connection) {
    Set<String> versions = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT version, success FROM flyway_schema_history")) {
      while (rows.next()) {
        String version = rows.getString(1);
        if (!rows.getBoolean(2)) {
          return Set.of();
        }
        if (version != null) {
          versions.add(version);
        }
      }
      return versions;
    } catch (SQLException e) { // no history table yet: a new database
      return Set.of();
    }
  }
}
