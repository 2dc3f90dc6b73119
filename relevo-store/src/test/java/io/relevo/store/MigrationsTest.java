package io.relevo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

  @TempDir Path dir;

  @Test
  void aJarWithoutItsMigrationsIsRefusedSayingSo() {
    SqliteDatabase file = new SqliteDatabase(dir.resolve("history.db"));
    Database withoutMigrations =
        new Database() {
          @Override
          public String describe() {
            return file.describe();
          }

          @Override
          public DataSource dataSource() {
            return file.dataSource();
          }

          @Override
          public String migrationLocation() {
            return "classpath:db/not-packaged";
          }
        };

    assertThatThrownBy(() -> JdbcStore.open(withoutMigrations))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.UNAVAILABLE))
        .hasMessageContaining("no schema migrations found at classpath:db/not-packaged");
  }
}
