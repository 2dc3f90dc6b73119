package io.relevo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The SQL of the {@code revision_env} table. Callers hold the store's lock. */
final class SealedEnvTable {

  private SealedEnvTable() {}

  static Optional<String> find(Connection connection, String app, int number) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT sealed FROM revision_env WHERE app = ? AND number = ?")) {
      statement.setString(1, app);
      statement.setInt(2, number);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  static void save(Connection connection, String app, int number, String ciphertext)
      throws SQLException {
    if (ciphertext == null) {
      try (PreparedStatement statement =
          connection.prepareStatement("DELETE FROM revision_env WHERE app = ? AND number = ?")) {
        statement.setString(1, app);
        statement.setInt(2, number);
        statement.executeUpdate();
      }
      return;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO revision_env (app, number, sealed) VALUES (?, ?, ?)"
                + " ON CONFLICT (app, number) DO UPDATE SET sealed = excluded.sealed")) {
      statement.setString(1, app);
      statement.setInt(2, number);
      statement.setString(3, ciphertext);
      statement.executeUpdate();
    }
  }
}
