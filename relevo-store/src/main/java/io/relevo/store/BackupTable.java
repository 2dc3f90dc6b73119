package io.relevo.store;

import io.relevo.core.database.Backup;
import io.relevo.core.database.DumpResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the {@code database_backups} table. Callers hold the store's lock. */
final class BackupTable {

  private BackupTable() {}

  static long insert(Connection connection, Backup backup) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO database_backups (app, revision, rollout_id, file, size_bytes, sha256,"
                + " tables, taken_at, trigger) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      statement.setString(1, backup.app());
      statement.setInt(2, backup.revision());
      statement.setLong(3, backup.rolloutId());
      statement.setString(4, backup.file());
      statement.setLong(5, backup.dump().sizeBytes());
      statement.setString(6, backup.dump().sha256());
      statement.setInt(7, backup.dump().tables());
      Columns.setInstant(statement, 8, backup.takenAt());
      statement.setString(9, backup.trigger());
      try (ResultSet keys = statement.executeQuery()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  static List<Backup> list(Connection connection, String app) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id, revision, rollout_id, file, size_bytes, sha256, tables, taken_at, trigger"
                + " FROM database_backups WHERE app = ? ORDER BY taken_at DESC, id DESC")) {
      statement.setString(1, app);
      try (ResultSet rows = statement.executeQuery()) {
        List<Backup> backups = new ArrayList<>();
        while (rows.next()) {
          backups.add(
              new Backup(
                  rows.getLong("id"),
                  app,
                  rows.getInt("revision"),
                  rows.getLong("rollout_id"),
                  rows.getString("file"),
                  new DumpResult(
                      rows.getLong("size_bytes"), rows.getString("sha256"), rows.getInt("tables")),
                  Columns.instant(rows, "taken_at"),
                  rows.getString("trigger")));
        }
        return backups;
      }
    }
  }

  static void delete(Connection connection, long id) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("DELETE FROM database_backups WHERE id = ?")) {
      statement.setLong(1, id);
      statement.executeUpdate();
    }
  }
}
