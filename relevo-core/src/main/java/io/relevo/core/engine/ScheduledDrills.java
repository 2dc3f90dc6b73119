package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.config.BackupConfig;
import io.relevo.core.database.RestoreDrill;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Restore drills the agent runs by itself, every {@code migrations.backup.drill_every}: the newest
 * backup restored into a scratch database, as {@code relevo backup verify} does. A drill runs on a
 * thread of its own, so housekeeping never waits for pg_restore; a failed one shows as an alert in
 * {@code relevo status} until a later drill passes.
 */
final class ScheduledDrills {

  private static final Logger LOG = Logger.getLogger(ScheduledDrills.class.getName());

  private final EngineParts parts;
  private final Map<String, Instant> due = new ConcurrentHashMap<>();
  private final Map<String, Boolean> running = new ConcurrentHashMap<>();

  ScheduledDrills(EngineParts parts) {
    this.parts = parts;
  }

  /** Starts the app's drill when one is due; the first is due one period after the agent starts. */
  void poll(LiveApp app) {
    BackupConfig backup = app.config.migrations().backup().orElse(null);
    if (backup == null || backup.drillEvery() == null) {
      due.remove(app.name);
      app.drillAlert = null;
      return;
    }
    Instant now = parts.clock().instant();
    Instant next = due.computeIfAbsent(app.name, name -> now.plus(backup.drillEvery()));
    if (now.isBefore(next) || running.putIfAbsent(app.name, true) != null) {
      return;
    }
    due.put(app.name, now.plus(backup.drillEvery()));
    Thread.ofVirtual().name("relevo-drill-" + app.name).start(() -> drill(app));
  }

  private void drill(LiveApp app) {
    try {
      RestoreDrill drill = new RestoreDrills(parts).run(app, null);
      app.drillAlert = null;
      LOG.info(
          app.name
              + ": scheduled restore drill of backup "
              + drill.backupId()
              + " passed: "
              + drill.rowCounts().size()
              + " tables"
              + (drill.check().isEmpty() ? "" : ", check " + drill.check()));
    } catch (RelevoException e) {
      app.drillAlert =
          "restore drill failed at "
              + parts.clock().instant()
              + ": "
              + e.getMessage()
              + " (run `relevo backup verify "
              + app.name
              + "` to try again)";
      LOG.warning(app.name + ": " + app.drillAlert);
    } finally {
      running.remove(app.name);
    }
  }
}
