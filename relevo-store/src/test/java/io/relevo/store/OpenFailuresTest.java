package io.relevo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFailuresTest {

  @TempDir Path dir;

  @Test
  void aFileThatIsNotADatabaseIsRefusedNamingTheFile() throws Exception {
    Path file = dir.resolve("history.db");
    Files.writeString(file, "app: shop\nthis is a relevo.yml, not a database\n".repeat(100));

    assertThatThrownBy(() -> Stores.sqlite(file))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.UNAVAILABLE))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a database");
    assertThat(Files.readString(file)).startsWith("app: shop");
  }

  @Test
  void aFileWrittenByANewerSchemaIsRefusedNamingTheFileAndVersion() throws Exception {
    Path file = dir.resolve("history.db");
    Stores.sqlite(file).close();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
              + " checksum, installed_by, execution_time, success)"
              + " VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test',"
              + " 1, 1)");
    }

    assertThatThrownBy(() -> Stores.sqlite(file))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.UNAVAILABLE))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("newer relevo");
  }

  @Test
  void aDirectoryWhereTheFileShouldBeIsRefusedNamingIt() throws Exception {
    Path file = Files.createDirectories(dir.resolve("history.db"));

    assertThatThrownBy(() -> Stores.sqlite(file))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.UNAVAILABLE))
        .hasMessageContaining(file.toString());
  }
}
