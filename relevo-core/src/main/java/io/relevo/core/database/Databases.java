package io.relevo.core.database;

import java.util.Objects;

/**
 * The engine's way to databases: the adapter that dumps them and the history that remembers the
 * dumps.
 */
public record Databases(DatabaseAdapter adapter, BackupHistory history) {

  public Databases {
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(history, "history");
  }

  /** No adapter: a config with migrations fails its deploy, saying no adapter is wired. */
  public static Databases none() {
    return new Databases(DatabaseAdapter.none(), BackupHistory.inMemory());
  }
}
