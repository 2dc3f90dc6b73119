package io.relevo.server;

import io.relevo.core.RelevoException;
import io.relevo.core.database.Backup;
import io.relevo.core.engine.AppStatus;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.observe.BackupAge;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code relevo_backup_age_seconds}: the age of the newest backup of the app whose newest backup is
 * oldest, so one alert ("older than max_age") covers every app with backups. Apps without backups
 * are left out; with none at all the metric is too.
 */
final class StalestBackup implements BackupAge {

  private final Supplier<RolloutEngine> engine;
  private final InstantSource clock;

  StalestBackup(Supplier<RolloutEngine> engine, InstantSource clock) {
    this.engine = engine;
    this.clock = clock;
  }

  @Override
  public Optional<Duration> age() {
    RolloutEngine current = engine.get();
    if (current == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return current.statuses().stream()
        .map(AppStatus::app)
        .map(app -> newest(current, app))
        .flatMap(Optional::stream)
        .min(Comparator.naturalOrder())
        .map(newest -> Duration.between(newest, now));
  }

  private static Optional<Instant> newest(RolloutEngine engine, String app) {
    try {
      return engine.backups(app).stream().map(Backup::takenAt).max(Comparator.naturalOrder());
    } catch (RelevoException notRecovered) {
      return Optional.empty();
    }
  }
}
