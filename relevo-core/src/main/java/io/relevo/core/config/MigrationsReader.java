package io.relevo.core.config;

import java.util.List;
import java.util.Optional;

/** Reads {@code migrations}. */
final class MigrationsReader {

  static final List<String> KEYS =
      List.of("backup", "preview", "apply", "rollback", "timeout", "lint", "contract");
  static final List<String> NOT_YET = List.of();
  private static final String COMMAND = "a shell command, like alembic upgrade head";

  private MigrationsReader() {}

  static MigrationsConfig read(Value value) {
    MapReader migrations = MapReader.open(value, KEYS, NOT_YET);
    Optional<BackupConfig> backup = backup(migrations.get("backup"));
    Optional<String> preview = command(migrations.get("preview"));
    Value applyValue = migrations.get("apply");
    Optional<String> apply = command(applyValue);
    Optional<String> rollback = command(migrations.get("rollback"));
    var timeout = migrations.get("timeout").duration(false);
    LintConfig lint = lint(migrations.get("lint"));
    Value contractValue = migrations.get("contract");
    Optional<String> contract = command(contractValue);
    if (contract.isPresent() && !migrations.get("backup").isSet()) {
      contractValue.problem(
          "a contract without migrations.backup (expected: a backup first, like backup:"
              + " {postgres: \"${DATABASE_URL}\"})");
    }
    if (apply.isPresent() && backup.isEmpty() && !migrations.get("backup").isSet()) {
      applyValue.problem(
          "a migration without migrations.backup (expected: a backup first, like backup:"
              + " {postgres: \"${DATABASE_URL}\"})");
    }
    return new MigrationsConfig(backup, preview, apply, rollback, timeout, lint, contract);
  }

  private static Optional<String> command(Value value) {
    return Optional.ofNullable(value.text(COMMAND)).filter(s -> !s.isBlank());
  }

  private static LintConfig lint(Value value) {
    MapReader lint =
        MapReader.open(value, List.of("destructive", "locking", "unparsed"), List.of());
    return new LintConfig(
        level(lint.get("destructive")), level(lint.get("locking")), level(lint.get("unparsed")));
  }

  private static LintConfig.Level level(Value value) {
    String text = value.text("error or warning", s -> s.equals("error") || s.equals("warning"));
    return text == null ? null : LintConfig.Level.valueOf(text.toUpperCase(java.util.Locale.ROOT));
  }

  private static Optional<BackupConfig> backup(Value value) {
    if (!value.isSet()) {
      return Optional.empty();
    }
    MapReader backup =
        MapReader.open(value, List.of("postgres", "dir", "keep", "max_age", "check"), List.of());
    Value postgres =
        backup.get("postgres").required("the database's URL, like postgres: \"${DATABASE_URL}\"");
    String url = postgres.text("a PostgreSQL URL, like postgresql://user:password@host:5432/db");
    DatabaseUrl database = null;
    if (url != null) {
      try {
        database = DatabaseUrl.parse(url);
      } catch (IllegalArgumentException e) {
        postgres.problem(e.getMessage());
      }
    }
    String dir = backup.get("dir").text("a folder, like backups");
    Integer keep = backup.get("keep").integer(1, 10_000);
    var maxAge = backup.get("max_age").duration(false);
    String check = backup.get("check").text("a SQL query, like SELECT count(*) FROM reservations");
    if (database == null) {
      return Optional.empty();
    }
    return Optional.of(new BackupConfig(database, dir, keep == null ? 10 : keep, maxAge, check));
  }
}
