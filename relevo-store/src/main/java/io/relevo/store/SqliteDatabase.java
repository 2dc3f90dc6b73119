package io.relevo.store;

import io.relevo.core.RelevoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** An SQLite file: the default store, one file next to the agent, nothing to install. */
final class SqliteDatabase implements Database {

  /** How long a writer waits for another process (a CLI next to the agent) to release the file. */
  static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private final Path file;

  SqliteDatabase(Path file) {
    Objects.requireNonNull(file, "dbFile");
    this.file = file.toAbsolutePath().normalize();
  }

  @Override
  public String describe() {
    return "history file " + file;
  }

  @Override
  public void prepare() {
    Path parent = file.getParent();
    if (parent == null) {
      return;
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          describe() + ": cannot create its directory " + parent + " (" + e + ")",
          e);
    }
    SqliteNativeLibrary.useFrom(parent.resolve("native"));
  }

  @Override
  public DataSource dataSource() {
    SQLiteConfig config = new SQLiteConfig();
    // WAL lets readers (a CLI) run while the agent writes; FULL makes each commit survive a power
    // loss, which the Store contract promises (WAL with NORMAL may lose the last commits).
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.enforceForeignKeys(true);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    return dataSource;
  }

  @Override
  public String migrationLocation() {
    return SchemaCheck.LOCATION;
  }
}
