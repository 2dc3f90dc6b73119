package io.relevo.store;

import io.relevo.core.store.RolloutCheckpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The SQL of the {@code rollout_checkpoints} table. Callers hold the store's lock. */
final class CheckpointTable {

  private CheckpointTable() {}

  static Optional<RolloutCheckpoint> find(Connection connection, long rolloutId)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT app, step, weight, phase, until_at, analysis, passed, failed, written_at"
                + " FROM rollout_checkpoints WHERE rollout_id = ?")) {
      statement.setLong(1, rolloutId);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new RolloutCheckpoint(
                rolloutId,
                rows.getString("app"),
                rows.getInt("step"),
                rows.getInt("weight"),
                Columns.enumValue(rows, "phase", RolloutCheckpoint.Phase.class),
                Columns.instant(rows, "until_at"),
                rows.getString("analysis"),
                rows.getInt("passed"),
                rows.getInt("failed"),
                Columns.instant(rows, "written_at")));
      }
    }
  }

  static void save(Connection connection, RolloutCheckpoint checkpoint) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO rollout_checkpoints (rollout_id, app, step, weight, phase, until_at,"
                + " analysis, passed, failed, written_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (rollout_id) DO UPDATE SET app = excluded.app,"
                + " step = excluded.step, weight = excluded.weight, phase = excluded.phase,"
                + " until_at = excluded.until_at, analysis = excluded.analysis,"
                + " passed = excluded.passed, failed = excluded.failed,"
                + " written_at = excluded.written_at")) {
      statement.setLong(1, checkpoint.rolloutId());
      statement.setString(2, checkpoint.app());
      statement.setInt(3, checkpoint.step());
      statement.setInt(4, checkpoint.weight());
      Columns.setEnum(statement, 5, checkpoint.phase());
      Columns.setInstant(statement, 6, checkpoint.until());
      statement.setString(7, checkpoint.analysis());
      statement.setInt(8, checkpoint.passed());
      statement.setInt(9, checkpoint.failed());
      Columns.setInstant(statement, 10, checkpoint.at());
      statement.executeUpdate();
    }
  }

  static void delete(Connection connection, long rolloutId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("DELETE FROM rollout_checkpoints WHERE rollout_id = ?")) {
      statement.setLong(1, rolloutId);
      statement.executeUpdate();
    }
  }
}
