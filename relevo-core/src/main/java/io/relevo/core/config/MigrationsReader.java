package io.relevo.core.config;

import java.util.List;
import java.util.Optional;

/** Reads {@code migrations}. */
final class MigrationsReader {

  static final List<String> KEYS = List.of("backup");
  static final List<String> NOT_YET = List.of("preview", "apply", "rollback", "contract", "lint");

  private MigrationsReader() {}

  static MigrationsConfig read(Value value) {
    MapReader migrations = MapReader.open(value, KEYS, NOT_YET);
    return new MigrationsConfig(backup(migrations.get("backup")));
  }

  private static Optional<BackupConfig> backup(Value value) {
    if (!value.isSet()) {
      return Optional.empty();
    }
    MapReader backup =
        MapReader.open(value, List.of("postgres", "dir", "keep", "max_age"), List.of());
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
    if (database == null) {
      return Optional.empty();
    }
    return Optional.of(new BackupConfig(database, dir, keep == null ? 10 : keep, maxAge));
  }
}
