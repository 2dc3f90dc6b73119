package io.relevo.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the live database holds, read over JDBC. */
final class LiveSchema {

  /** Ordinary and partitioned tables outside the system schemas: what pg_dump lists as TABLE. */
  static final String TABLE_COUNT =
      "SELECT count(*) FROM pg_catalog.pg_class c"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r', 'p')"
          + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

  private LiveSchema() {}

  static int tableCount(Connection connection) throws SQLException {
    return (int) single(connection, TABLE_COUNT);
  }

  /** The server's major version: 15 for 15.18. */
  static int serverMajor(Connection connection) throws SQLException {
    return (int) (single(connection, "SHOW server_version_num") / 10_000);
  }

  private static long single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return Long.parseLong(rows.getString(1));
    }
  }
}
