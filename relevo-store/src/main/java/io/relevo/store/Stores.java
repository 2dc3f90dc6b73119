package io.relevo.store;

import java.nio.file.Path;

/** Opens release-history stores. */
public final class Stores {

  private Stores() {}

  /**
   * Opens the SQLite history file at {@code dbFile}, creating it and its parent directories when
   * missing, and brings its schema up to date (Flyway migrations under {@code db/migration}).
   *
   * <p>The store is thread-safe: calls share one connection and run one at a time. Each write is
   * committed with {@code synchronous=FULL} before the call returns, so it survives a crash.
   *
   * @throws io.relevo.core.RelevoException of kind {@code UNAVAILABLE}, naming the file, when it
   *     cannot be created, is not an SQLite database, or was written by a newer relevo
   */
  public static CloseableStore sqlite(Path dbFile) {
    return JdbcStore.open(new SqliteDatabase(dbFile));
  }

  /**
   * Seals revisions' environment values with AES-256-GCM under the key {@code keyFile} (created
   * with mode 0600 when missing), so history never holds them in clear text.
   *
   * @throws io.relevo.core.RelevoException of kind {@code UNAVAILABLE} when the key cannot be read
   *     or created
   */
  public static io.relevo.core.store.SealedEnv sealedEnv(Path keyFile) {
    return KeyFileSealedEnv.open(keyFile);
  }
}
