package io.relevo.core.database;

import io.relevo.core.RelevoException;
import io.relevo.core.config.DatabaseUrl;
import java.nio.file.Path;

/**
 * The port to a database relevo backs up. The engine knows nothing of drivers or dump tools: the
 * adapter (relevo-postgres) does. Every failure is a {@link RelevoException} whose message names
 * the database (host, port, name, never the password), what failed and what to do.
 */
public interface DatabaseAdapter {

  /**
   * Dumps {@code database} into {@code file} and verifies the dump: it is not empty, the restore
   * tool reads its table of contents, and it holds as many tables as the live schema.
   *
   * @return the verified dump's size, checksum and table count
   */
  DumpResult dump(DatabaseUrl database, Path file);

  /**
   * Restores {@code file} into {@code database}, replacing the objects the dump holds (clean, in
   * one transaction: on an error nothing changes). Default: not supported by this adapter.
   */
  default void restore(DatabaseUrl database, Path file) {
    throw new RelevoException(
        RelevoException.Kind.UNAVAILABLE,
        "this agent's database adapter cannot restore " + database.redacted());
  }

  /**
   * A restore drill: restores {@code file} into a new scratch database on the same server, counts
   * the rows of every table, runs {@code checkQuery} (when not empty) and drops the scratch
   * database. The backup id of the result is 0; the caller sets it.
   */
  default RestoreDrill drill(DatabaseUrl database, Path file, String checkQuery) {
    throw new RelevoException(
        RelevoException.Kind.UNAVAILABLE,
        "this agent's database adapter cannot run a restore drill on " + database.redacted());
  }

  /** No adapter wired: every call says so. */
  static DatabaseAdapter none() {
    return (database, file) -> {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "this agent has no database adapter; cannot back up " + database.redacted());
    };
  }
}
