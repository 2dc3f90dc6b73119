package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.config.BackupConfig;
import io.relevo.core.database.Backup;
import io.relevo.core.database.Backups;
import io.relevo.core.store.Revision;

/** {@code relevo backup APP}: a verified backup now, outside any rollout. */
final class BackupOnDemand {

  private final EngineParts parts;

  BackupOnDemand(EngineParts parts) {
    this.parts = parts;
  }

  Backup take(LiveApp app, Revision stable, String actor) {
    BackupConfig config =
        app.config
            .migrations()
            .backup()
            .orElseThrow(
                () ->
                    new RelevoException(
                        RelevoException.Kind.BAD_INPUT,
                        app.name
                            + " has no migrations.backup in its config; add"
                            + " migrations: {backup: {postgres: \"${DATABASE_URL}\"}} and deploy"));
    BackupGate gate = new BackupGate(parts);
    Backups.Taken taken =
        gate.backups()
            .take(
                app.name,
                config,
                app.baseDir,
                stable == null ? 0 : stable.number(),
                0,
                "on demand by " + actor,
                gate.pinnedRollouts(app.name));
    return taken.backup();
  }
}
