package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.config.BackupConfig;
import io.relevo.core.config.Durations;
import io.relevo.core.config.MigrationsConfig;
import io.relevo.core.database.Backups;
import io.relevo.core.database.CommandResult;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The contract half of an expand/contract change ({@code migrations.contract}): it runs only once
 * the new revision serves all traffic and its watch after promotion passed, so nothing that needs
 * the old schema still runs. A backup comes first; the run is recorded in the promoting rollout's
 * log as a point of no return.
 */
final class ContractStage {

  private final EngineParts parts;

  ContractStage(EngineParts parts) {
    this.parts = parts;
  }

  /** Runs the contract for {@code promoted}, whose rollout is {@code rolloutId}. */
  void run(LiveApp app, long rolloutId, Revision promoted) {
    MigrationsConfig config = app.config.migrations();
    if (config.contract().isEmpty() || config.backup().isEmpty()) {
      return;
    }
    RolloutLog log = new RolloutLog(rolloutId, parts, RolloutListener.none());
    BackupConfig backup = config.backup().get();
    try {
      Backups.Taken taken =
          new Backups(parts.databases(), parts.clock())
              .take(
                  app.name,
                  backup,
                  app.baseDir,
                  promoted.number(),
                  rolloutId,
                  "before the contract of rollout " + rolloutId,
                  Set.of(rolloutId));
      log.event("backup", Status.OK, BackupGate.describe(taken.backup()), taken.took());
    } catch (RelevoException e) {
      log.event(
          "contract",
          Status.FAILED,
          "contract not run: backup failed: " + e.getMessage() + "; run it by hand after a backup");
      return;
    }
    String contract = config.contract().get();
    Path workdir = MigrationStage.workdir(app);
    Map<String, String> env = MigrationStage.environment(app.config.runtime(), promoted);
    CommandResult result =
        parts.databases().commands().run(contract, env, workdir, config.timeout());
    if (!result.succeeded()) {
      log.event(
          "contract",
          Status.FAILED,
          "contract `"
              + contract
              + "` "
              + (result.timedOut()
                  ? "did not finish within " + Durations.format(config.timeout())
                  : "exited with " + result.exitCode())
              + "; last lines:\n"
              + result.tail(10),
          result.took());
      return;
    }
    log.event(
        "contract",
        Status.OK,
        "$ " + contract + "\n" + result.tail(MigrationStage.LOGGED_LINES),
        result.took());
    log.event(
        PointOfNoReturn.STEP,
        Status.WARNING,
        "point of no return: revision "
            + promoted.label()
            + " ran the contract `"
            + contract
            + "` after its watch passed; a code-only rollback to an older revision is refused");
  }
}
