package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.config.BackupConfig;
import io.relevo.core.config.Durations;
import io.relevo.core.database.Backup;
import io.relevo.core.database.Backups;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.RolloutRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The backup before a deploy's database work (the runbooks' "pg_dump before deploying, never with a
 * backup older than an hour"): a verified backup is taken; when none can be taken, the deploy goes
 * on only if the newest one is younger than {@code migrations.backup.max_age}.
 */
final class BackupGate {

  private final EngineParts parts;
  private final Backups backups;

  BackupGate(EngineParts parts) {
    this.parts = parts;
    this.backups = new Backups(parts.databases(), parts.clock());
  }

  /**
   * Takes the pre-deploy backup; throws StepFailed, before anything started, when it may not go on.
   */
  void pass(LiveApp app, Revision candidate, long rolloutId, RolloutLog log) throws StepFailed {
    Optional<BackupConfig> config = app.config.migrations().backup();
    if (config.isEmpty()) {
      return;
    }
    BackupConfig backup = config.get();
    log.event("backup", Status.STARTED, "backing up " + backup.database().redacted());
    try {
      Backups.Taken taken =
          backups.take(
              app.name,
              backup,
              app.baseDir,
              candidate.number(),
              rolloutId,
              "before rollout " + rolloutId,
              pinnedRollouts(app.name));
      log.event("backup", Status.OK, describe(taken.backup()), taken.took());
      for (Backup old : taken.deleted()) {
        log.event(
            "backup",
            Status.INFO,
            "deleted backup " + old.id() + " (" + old.file() + "): keep " + backup.keep());
      }
    } catch (RelevoException e) {
      Optional<Backup> newest = backups.newest(app.name);
      Duration age =
          newest.map(b -> Duration.between(b.takenAt(), parts.clock().instant())).orElse(null);
      if (age != null && age.compareTo(backup.maxAge()) <= 0) {
        log.event(
            "backup",
            Status.WARNING,
            "no new backup: "
                + e.getMessage()
                + "; going on with backup "
                + newest.get().id()
                + ", "
                + Durations.format(age)
                + " old (max_age "
                + Durations.format(backup.maxAge())
                + ")");
        return;
      }
      throw new StepFailed(
          "backup failed: "
              + e.getMessage()
              + "; "
              + (age == null
                  ? "no earlier backup of " + app.name + " exists"
                  : "the newest backup ("
                      + newest.get().id()
                      + ") is "
                      + Durations.format(age)
                      + " old, older than migrations.backup.max_age "
                      + Durations.format(backup.maxAge()))
              + ", so the deploy did not start");
    }
  }

  /** One line about a backup, for the rollout's log and the CLI. */
  static String describe(Backup backup) {
    return "backup "
        + backup.id()
        + ": "
        + backup.file()
        + " ("
        + Backups.size(backup.dump().sizeBytes())
        + ", "
        + backup.dump().tables()
        + " tables, sha256 "
        + backup.dump().sha256().substring(0, 12)
        + "…), verified";
  }

  /** Rollouts whose revision still runs: a rollback to before them may need their backup. */
  Set<Long> pinnedRollouts(String app) {
    Set<Integer> running =
        parts.store().revisions(app).stream()
            .filter(r -> RolloutEngine.RUNNING_STATES.contains(r.state()))
            .map(Revision::number)
            .collect(Collectors.toSet());
    return parts.store().rollouts(app, 500).stream()
        .filter(
            r -> r.outcome() == RolloutRecord.Outcome.RUNNING || running.contains(r.toRevision()))
        .map(RolloutRecord::id)
        .collect(Collectors.toSet());
  }

  Backups backups() {
    return backups;
  }
}
