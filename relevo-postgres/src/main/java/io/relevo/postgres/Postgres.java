package io.relevo.postgres;

import io.relevo.core.database.BackupHistory;
import io.relevo.core.database.DatabaseAdapter;
import io.relevo.core.database.Databases;
import io.relevo.core.database.SqlLinter;
import java.util.Map;

/** The PostgreSQL adapter's factories. */
public final class Postgres {

  private Postgres() {}

  /**
   * The adapter with the client tools the environment names ({@code RELEVO_PG_BIN}) or the newest
   * the machine has.
   */
  public static DatabaseAdapter adapter(Map<String, String> env) {
    return new PostgresAdapter(PgTools.find(env));
  }

  /**
   * Everything the engine needs for PostgreSQL apps: the backup adapter, {@code history} for the
   * backups, the SQL linter and the migration command runner.
   */
  public static Databases databases(Map<String, String> env, BackupHistory history) {
    return new Databases(adapter(env), history, linter(), new ShellCommands());
  }

  /** The PostgreSQL migration linter (JSqlParser). */
  public static SqlLinter linter() {
    return new PostgresLinter();
  }

  /** The adapter with the client tools in {@code binDir}. */
  public static DatabaseAdapter adapter(java.nio.file.Path binDir) {
    return new PostgresAdapter(PgTools.in(binDir));
  }
}
