package io.relevo.observe;

import java.time.Duration;
import java.util.Optional;

/**
 * How old the newest backup of the history is; the agent exports it as {@code
 * relevo_backup_age_seconds} when known. Must return at once.
 */
@FunctionalInterface
public interface BackupAge {

  Optional<Duration> age();

  /** No backups are taken: the metric is left out. */
  static BackupAge none() {
    return Optional::empty;
  }
}
