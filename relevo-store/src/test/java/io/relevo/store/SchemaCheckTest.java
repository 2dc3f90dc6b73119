package io.relevo.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a store skips Flyway only when the schema is at the newest migration the jar ships. */
class SchemaCheckTest {

  @TempDir Path dir;

  @Test
  void theListNamesEveryMigrationInTheSourceTree() throws IOException {
    Set<String> versions;
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      versions =
          files
              .map(f -> f.getFileName().toString())
              .map(name -> name.substring(1, name.indexOf("__")))
              .collect(Collectors.toSet());
    }

    assertThat(SchemaCheck.shippedVersions()).contains(versions);
  }

  @Test
  void aStoreJustOpenedIsCurrent() throws Exception {
    SqliteDatabase database = new SqliteDatabase(dir.resolve("history.db"));
    Stores.sqlite(dir.resolve("history.db")).close();

    try (Connection c = database.dataSource().getConnection()) {
      assertThat(SchemaCheck.isCurrent(c, database.migrationLocation())).isTrue();
    }
  }

  @Test
  void aNewFileIsNotCurrent() throws Exception {
    SqliteDatabase database = new SqliteDatabase(dir.resolve("history.db"));
    database.prepare();

    try (Connection c = database.dataSource().getConnection()) {
      assertThat(SchemaCheck.isCurrent(c, database.migrationLocation())).isFalse();
    }
  }

  @Test
  void aStoreAtAnOlderSchemaIsNotCurrentAndOpeningItMigratesItToTheNewest() throws Exception {
    Path file = dir.resolve("history.db");
    SqliteDatabase database = new SqliteDatabase(file);
    database.prepare();
    migrateTo(database, "2");
    try (Connection c = database.dataSource().getConnection()) {
      assertThat(SchemaCheck.isCurrent(c, database.migrationLocation())).isFalse();
    }

    try (CloseableStore store = Stores.sqlite(file)) {
      store.apps(); // usable
    }

    try (Connection c = database.dataSource().getConnection()) {
      assertThat(appliedVersions(c)).isEqualTo(SchemaCheck.shippedVersions().orElseThrow());
      assertThat(SchemaCheck.isCurrent(c, database.migrationLocation())).isTrue();
    }
  }

  @Test
  void aFailedMigrationIsNotCurrent() throws Exception {
    Path file = dir.resolve("history.db");
    Stores.sqlite(file).close();
    SqliteDatabase database = new SqliteDatabase(file);
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE flyway_schema_history SET success = 0 WHERE version = '1'");

      assertThat(SchemaCheck.isCurrent(c, database.migrationLocation())).isFalse();
    }
  }

  @Test
  void anotherLocationIsNeverCurrent() throws Exception {
    Path file = dir.resolve("history.db");
    Stores.sqlite(file).close();
    SqliteDatabase database = new SqliteDatabase(file);
    try (Connection c = database.dataSource().getConnection()) {
      assertThat(SchemaCheck.isCurrent(c, "classpath:db/elsewhere")).isFalse();
    }
  }

  private static void migrateTo(SqliteDatabase database, String version) {
    Flyway.configure(SchemaCheckTest.class.getClassLoader())
        .dataSource(database.dataSource())
        .locations(database.migrationLocation())
        .target(version)
        .loggers("slf4j")
        .load()
        .migrate();
  }

  private static Set<String> appliedVersions(Connection c) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery("SELECT version FROM flyway_schema_history WHERE success = 1")) {
      Set<String> versions = new java.util.HashSet<>();
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
      return versions;
    }
  }
}
