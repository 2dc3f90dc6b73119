package io.relevo.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationsConfigTest {

  @Test
  void backupNamesTheDatabaseByAUrlReadFromTheEnvironment() {
    AppConfig config =
        Configs.parse(
            Configs.MINIMAL
                + "migrations:\n"
                + "  backup: {postgres: \"${DATABASE_URL}\", dir: dumps, keep: 3, max_age: 30m}\n",
            Map.of("DATABASE_URL", "postgresql://shop:s3cret@db.internal:6432/shop"));

    BackupConfig backup = config.migrations().backup().orElseThrow();
    assertThat(backup.database().host()).isEqualTo("db.internal");
    assertThat(backup.database().port()).isEqualTo(6432);
    assertThat(backup.database().database()).isEqualTo("shop");
    assertThat(backup.database().user()).isEqualTo("shop");
    assertThat(backup.database().password()).isEqualTo("s3cret");
    assertThat(backup.dir()).isEqualTo("dumps");
    assertThat(backup.keep()).isEqualTo(3);
    assertThat(backup.maxAge()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.migrations().configured()).isTrue();
  }

  @Test
  void backupDefaultsToTenDumpsUnderBackupsAndAnHourOfAge() {
    BackupConfig backup =
        Configs.parse(Configs.MINIMAL + "migrations:\n  backup: {postgres: \"postgres://u@h/d\"}\n")
            .migrations()
            .backup()
            .orElseThrow();

    assertThat(backup.dir()).isEqualTo("backups");
    assertThat(backup.keep()).isEqualTo(10);
    assertThat(backup.maxAge()).isEqualTo(Duration.ofHours(1));
    assertThat(backup.database().port()).isEqualTo(5432);
  }

  @Test
  void aConfigWithoutMigrationsTouchesNoDatabase() {
    assertThat(Configs.parse(Configs.MINIMAL).migrations().configured()).isFalse();
  }

  @Test
  void aUrlThatIsNotPostgresIsReportedWithoutItsPassword() {
    assertThat(
            Configs.problems(
                Configs.MINIMAL
                    + "migrations:\n  backup:\n    postgres: \"mysql://u:hunter22@h/d\"\n"))
        .containsExactly(
            "relevo.yml:6: migrations.backup.postgres: scheme \"mysql\" (expected: a PostgreSQL"
                + " URL, like postgresql://user:password@host:5432/db)")
        .noneMatch(p -> p.contains("hunter22"));
  }

  @Test
  void badKeepAndMaxAgeAreReportedTogether() {
    assertThat(
            Configs.problems(
                Configs.MINIMAL
                    + "migrations:\n  backup:\n    postgres: \"postgresql://u@h/d\"\n"
                    + "    keep: 0\n    max_age: 0s\n"))
        .containsExactly(
            "relevo.yml:7: migrations.backup.keep: 0 (expected: 1..10000)",
            "relevo.yml:8: migrations.backup.max_age: \"0s\" (expected: a duration above zero,"
                + " like 2s or 500ms)");
  }

  @Test
  void aContractNeedsABackupToo() {
    assertThat(Configs.problems(Configs.MINIMAL + "migrations:\n  contract: make contract\n"))
        .containsExactly(
            "relevo.yml:5: migrations.contract: a contract without migrations.backup (expected: a"
                + " backup first, like backup: {postgres: \"${DATABASE_URL}\"})");
  }

  @Test
  void theUrlNeverShowsItsPassword() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://app:p%40ss@localhost:5433/shop");
    assertThat(url.password()).isEqualTo("p@ss");
    assertThat(url.toString()).isEqualTo("postgresql://app:***@localhost:5433/shop");
  }

  @Test
  void migrationCommandsTimeoutAndLintLevelsAreRead() {
    MigrationsConfig migrations =
        Configs.parse(
                Configs.MINIMAL
                    + "migrations:\n"
                    + "  backup: {postgres: \"postgresql://u@h/d\"}\n"
                    + "  preview: alembic upgrade head --sql\n"
                    + "  apply: alembic upgrade head\n"
                    + "  rollback: alembic downgrade -1\n"
                    + "  timeout: 2m\n"
                    + "  lint: {destructive: warning, locking: error}\n")
            .migrations();

    assertThat(migrations.preview()).contains("alembic upgrade head --sql");
    assertThat(migrations.apply()).contains("alembic upgrade head");
    assertThat(migrations.rollback()).contains("alembic downgrade -1");
    assertThat(migrations.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(migrations.lint())
        .isEqualTo(
            new LintConfig(
                LintConfig.Level.WARNING, LintConfig.Level.ERROR, LintConfig.Level.WARNING));
  }

  @Test
  void aMigrationWithoutABackupAndABadLintLevelAreReported() {
    assertThat(
            Configs.problems(
                Configs.MINIMAL
                    + "migrations:\n  apply: make migrate\n  lint: {destructive: ignore}\n"))
        .containsExactly(
            "relevo.yml:5: migrations.apply: a migration without migrations.backup (expected: a"
                + " backup first, like backup: {postgres: \"${DATABASE_URL}\"})",
            "relevo.yml:6: migrations.lint.destructive: \"ignore\" (expected: error or warning)");
  }
}
