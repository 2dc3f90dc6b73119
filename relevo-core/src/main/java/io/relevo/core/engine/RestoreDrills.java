package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.config.BackupConfig;
import io.relevo.core.database.Backup;
import io.relevo.core.database.RestoreDrill;
import java.nio.file.Path;

/** {@code relevo backup verify}: a restore drill of one of the app's backups. */
final class RestoreDrills {

  private final EngineParts parts;

  RestoreDrills(EngineParts parts) {
    this.parts = parts;
  }

  /** Drills backup {@code backupId}, or the newest when null. */
  RestoreDrill run(LiveApp app, Long backupId) {
    BackupConfig config =
        app.config
            .migrations()
            .backup()
            .orElseThrow(
                () ->
                    new RelevoException(
                        Kind.BAD_INPUT, app.name + " has no migrations.backup in its config"));
    Backup backup =
        parts.databases().history().backups(app.name).stream()
            .filter(b -> backupId == null || b.id() == backupId)
            .findFirst()
            .orElseThrow(
                () ->
                    new RelevoException(
                        Kind.NOT_FOUND,
                        (backupId == null ? "no backups" : "no backup " + backupId)
                            + " of "
                            + app.name
                            + " (see `relevo backups "
                            + app.name
                            + "`)"));
    return parts
        .databases()
        .adapter()
        .drill(config.database(), Path.of(backup.file()), config.check())
        .withBackupId(backup.id());
  }
}
