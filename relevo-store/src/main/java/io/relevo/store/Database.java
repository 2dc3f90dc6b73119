package io.relevo.store;

import javax.sql.DataSource;

/**
 * What differs between the databases the store runs on. The SQL in the table classes is written for
 * both SQLite and PostgreSQL ({@code ON CONFLICT … DO UPDATE}, {@code RETURNING}, {@code LIMIT});
 * what cannot be shared lives behind this interface: how to connect, how to set a connection up,
 * and which migrations create the schema.
 */
interface Database {

  /**
   * How messages name the database, for example {@code history file /var/lib/relevo/history.db}.
   */
  String describe();

  /** Hands out fresh connections, already set up (pragmas, timeouts), in auto-commit mode. */
  DataSource dataSource();

  /**
   * The Flyway location of this database's migrations, for example {@code classpath:db/migration}.
   */
  String migrationLocation();

  /**
   * Prepares the place the database lives in (a directory for a file); called once before opening.
   */
  default void prepare() {}
}
