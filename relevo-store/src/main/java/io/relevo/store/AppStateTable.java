package io.relevo.store;

import io.relevo.core.store.AppState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The SQL of the {@code app_state} table. Callers hold the store's lock. */
final class AppStateTable {

  private AppStateTable() {}

  static Optional<AppState> find(Connection connection, String app) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT stable_revision, last_known_good FROM app_state WHERE app = ?")) {
      statement.setString(1, app);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new AppState(
                app,
                Columns.intOrNull(rows, "stable_revision"),
                Columns.intOrNull(rows, "last_known_good")));
      }
    }
  }

  static void save(Connection connection, AppState state) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO app_state (app, stable_revision, last_known_good) VALUES (?, ?, ?)"
                + " ON CONFLICT (app) DO UPDATE SET stable_revision = excluded.stable_revision,"
                + " last_known_good = excluded.last_known_good")) {
      statement.setString(1, state.app());
      Columns.setInt(statement, 2, state.stableRevision());
      Columns.setInt(statement, 3, state.lastKnownGood());
      statement.executeUpdate();
    }
  }
}
