package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.config.BackupConfig;
import io.relevo.core.database.Backup;
import io.relevo.core.database.Backups;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code relevo restore}: a backup of the current state first, then the front door stops sending
 * traffic to the app's revisions, the backup is restored, and the split in force before comes back
 * (also when the restore fails). Recorded as a rollout of kind RESTORE. The caller holds the app's
 * rollout lock.
 */
final class DatabaseRestore {

  private final EngineParts parts;

  DatabaseRestore(EngineParts parts) {
    this.parts = parts;
  }

  RolloutRecord run(
      LiveApp app, Revision stable, RestoreRequest request, RolloutListener listener) {
    BackupConfig config =
        app.config
            .migrations()
            .backup()
            .orElseThrow(
                () ->
                    new RelevoException(
                        Kind.BAD_INPUT, app.name + " has no migrations.backup in its config"));
    if (stable == null) {
      throw new RelevoException(
          Kind.BAD_INPUT,
          "no revision of " + app.name + " serves; restore with pg_restore by hand");
    }
    Backup backup =
        parts.databases().history().backups(app.name).stream()
            .filter(b -> b.id() == request.backupId())
            .findFirst()
            .orElseThrow(
                () ->
                    new RelevoException(
                        Kind.NOT_FOUND,
                        "no backup "
                            + request.backupId()
                            + " of "
                            + app.name
                            + " (see `relevo backups "
                            + app.name
                            + "`)"));
    long rolloutId =
        parts
            .store()
            .startRollout(
                new RolloutRecord(
                    0,
                    app.name,
                    RolloutRecord.Kind.RESTORE,
                    stable.number(),
                    stable.number(),
                    "restore",
                    request.actor(),
                    request.reason(),
                    parts.clock().instant(),
                    null,
                    Outcome.RUNNING,
                    null,
                    null));
    app.activeRollout = rolloutId;
    RolloutLog log = new RolloutLog(rolloutId, parts, listener);
    log.event(
        "rollout",
        Status.STARTED,
        request.actor()
            + " restores backup "
            + backup.id()
            + " of "
            + app.name
            + ": "
            + request.reason());
    try {
      Backups.Taken safety =
          new Backups(parts.databases(), parts.clock())
              .take(
                  app.name,
                  config,
                  app.baseDir,
                  stable.number(),
                  rolloutId,
                  "before restoring backup " + backup.id(),
                  Set.of(rolloutId));
      log.event(
          "backup",
          Status.OK,
          "the current state first: " + BackupGate.describe(safety.backup()),
          safety.took());
    } catch (RelevoException e) {
      return log.finish(
          Outcome.FAILED,
          "no restore: the backup of the current state failed: "
              + e.getMessage()
              + "\nnothing changed");
    }
    TrafficSplit before = parts.router().current(app.name);
    parts.router().route(app.name, TrafficSplit.none());
    log.event(
        "traffic",
        Status.WARNING,
        "stopped traffic through "
            + app.config.listen()
            + " to every revision of "
            + app.name
            + " while the restore runs; relevo cannot stop writes that do not come through it:"
            + " the revisions' own background jobs and any other client of "
            + config.database().redacted());
    String failure = null;
    try {
      parts.databases().adapter().restore(config.database(), Path.of(backup.file()));
    } catch (RelevoException e) {
      failure = e.getMessage();
    } finally {
      parts.router().route(app.name, before);
    }
    log.event(
        "traffic",
        Status.OK,
        "traffic back on revision " + stable.label() + " as before the restore");
    if (failure != null) {
      return log.finish(
          Outcome.FAILED,
          "restore of backup "
              + backup.id()
              + " failed: "
              + failure
              + "\ntraffic is back on revision "
              + stable.label());
    }
    log.event(
        "restore",
        Status.OK,
        "restored backup "
            + backup.id()
            + " ("
            + backup.file()
            + ", taken "
            + backup.takenAt()
            + ")");
    return log.finish(
        Outcome.RESTORED,
        "restored backup " + backup.id() + "; traffic is back on revision " + stable.label());
  }
}
