package io.relevo.core.config;

import java.util.Optional;

/**
 * {@code migrations}: the database work that comes with a deploy.
 *
 * @param backup the backup taken before a migration; none = no backup section
 */
public record MigrationsConfig(Optional<BackupConfig> backup) {

  public MigrationsConfig {
    backup = backup == null ? Optional.empty() : backup;
  }

  /** No migrations section: a deploy touches no database. */
  public static MigrationsConfig none() {
    return new MigrationsConfig(Optional.empty());
  }

  /** Whether a deploy does any database work (and so needs a backup first). */
  public boolean configured() {
    return backup.isPresent();
  }
}
