package io.relevo.store;

import io.relevo.core.database.BackupHistory;
import io.relevo.core.store.Store;

/**
 * A {@link Store} (and the {@link BackupHistory} beside it) that holds a database connection until
 * it is closed. Calls after {@link #close()} fail with a {@link io.relevo.core.RelevoException} of
 * kind {@code UNAVAILABLE}.
 */
public interface CloseableStore extends Store, BackupHistory, AutoCloseable {

  /** The named API tokens kept in the same database. */
  io.relevo.core.access.TokenStore tokens();

  /** Releases the connection; idempotent. Every write made before it is already durable. */
  @Override
  void close();
}
