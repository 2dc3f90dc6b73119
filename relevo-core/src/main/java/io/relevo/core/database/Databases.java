package io.relevo.core.database;

import java.util.Objects;

/**
 * The engine's way to databases: the adapter that dumps them, the history that remembers the dumps,
 * the linter that reads migration SQL and the runner of migration commands.
 */
public record Databases(
    DatabaseAdapter adapter, BackupHistory history, SqlLinter linter, CommandRunner commands) {

  public Databases {
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(history, "history");
    linter = linter == null ? SqlLinter.none() : linter;
    commands = commands == null ? CommandRunner.none() : commands;
  }

  /** Backups only: migration steps fail, saying no linter or runner is wired. */
  public Databases(DatabaseAdapter adapter, BackupHistory history) {
    this(adapter, history, null, null);
  }

  /** No adapter: a config with migrations fails its deploy, saying no adapter is wired. */
  public static Databases none() {
    return new Databases(DatabaseAdapter.none(), BackupHistory.inMemory());
  }
}
