package io.relevo.postgres;

import io.relevo.core.database.DatabaseAdapter;
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

  /** The adapter with the client tools in {@code binDir}. */
  public static DatabaseAdapter adapter(java.nio.file.Path binDir) {
    return new PostgresAdapter(PgTools.in(binDir));
  }
}
