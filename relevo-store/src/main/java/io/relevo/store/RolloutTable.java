package io.relevo.store;

import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the {@code rollouts} and {@code rollout_events} tables. Callers hold the lock. */
final class RolloutTable {

  private static final String COLUMNS =
      "id, app, kind, from_revision, to_revision, strategy, actor, reason, started_at,"
          + " finished_at, outcome, outcome_reason";

  private RolloutTable() {}

  /**
   * Inserts the rollout and returns its new id; {@code RETURNING} works on SQLite and PostgreSQL.
   */
  static long start(Connection connection, RolloutRecord rollout) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO rollouts (app, kind, from_revision, to_revision, strategy, actor, reason,"
                + " started_at, finished_at, outcome, outcome_reason)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      statement.setString(1, rollout.app());
      Columns.setEnum(statement, 2, rollout.kind());
      Columns.setInt(statement, 3, rollout.fromRevision());
      statement.setInt(4, rollout.toRevision());
      statement.setString(5, rollout.strategy());
      statement.setString(6, rollout.actor());
      statement.setString(7, rollout.reason());
      Columns.setInstant(statement, 8, rollout.startedAt());
      Columns.setInstant(statement, 9, rollout.finishedAt());
      Columns.setEnum(
          statement,
          10,
          rollout.outcome() == null ? RolloutRecord.Outcome.RUNNING : rollout.outcome());
      statement.setString(11, rollout.outcomeReason());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  static boolean exists(Connection connection, long rolloutId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT 1 FROM rollouts WHERE id = ?")) {
      statement.setLong(1, rolloutId);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  static void appendEvent(Connection connection, long rolloutId, RolloutEvent event)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO rollout_events (rollout_id, at, step, status, message, took_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      statement.setLong(1, rolloutId);
      Columns.setInstant(statement, 2, event.at());
      statement.setString(3, event.step());
      Columns.setEnum(statement, 4, event.status());
      statement.setString(5, event.message());
      Columns.setDuration(statement, 6, event.took());
      statement.executeUpdate();
    }
  }

  /** Returns whether a rollout with that id existed. */
  static boolean finish(
      Connection connection,
      long rolloutId,
      RolloutRecord.Outcome outcome,
      String reason,
      Instant at)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE rollouts SET outcome = ?, outcome_reason = ?, finished_at = ? WHERE id = ?")) {
      Columns.setEnum(statement, 1, outcome);
      statement.setString(2, reason);
      Columns.setInstant(statement, 3, at);
      statement.setLong(4, rolloutId);
      return statement.executeUpdate() > 0;
    }
  }

  static Optional<RolloutRecord> find(Connection connection, long rolloutId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM rollouts WHERE id = ?")) {
      statement.setLong(1, rolloutId);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(read(connection, rows)) : Optional.empty();
      }
    }
  }

  static List<RolloutRecord> list(Connection connection, String app, int limit)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM rollouts WHERE app = ?"
                + " ORDER BY started_at DESC, id DESC LIMIT ?")) {
      statement.setString(1, app);
      statement.setInt(2, limit);
      try (ResultSet rows = statement.executeQuery()) {
        List<RolloutRecord> rollouts = new ArrayList<>();
        while (rows.next()) {
          rollouts.add(read(connection, rows));
        }
        return rollouts;
      }
    }
  }

  private static RolloutRecord read(Connection connection, ResultSet row) throws SQLException {
    long id = row.getLong("id");
    return new RolloutRecord(
        id,
        row.getString("app"),
        Columns.enumValue(row, "kind", RolloutRecord.Kind.class),
        Columns.intOrNull(row, "from_revision"),
        row.getInt("to_revision"),
        row.getString("strategy"),
        row.getString("actor"),
        row.getString("reason"),
        Columns.instant(row, "started_at"),
        Columns.instant(row, "finished_at"),
        Columns.enumValue(row, "outcome", RolloutRecord.Outcome.class),
        row.getString("outcome_reason"),
        events(connection, id));
  }

  /** Events in the order they were appended. */
  private static List<RolloutEvent> events(Connection connection, long rolloutId)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT at, step, status, message, took_ms FROM rollout_events"
                + " WHERE rollout_id = ? ORDER BY id")) {
      statement.setLong(1, rolloutId);
      try (ResultSet rows = statement.executeQuery()) {
        List<RolloutEvent> events = new ArrayList<>();
        while (rows.next()) {
          events.add(
              new RolloutEvent(
                  Columns.instant(rows, "at"),
                  rows.getString("step"),
                  Columns.enumValue(rows, "status", RolloutEvent.Status.class),
                  rows.getString("message"),
                  Columns.duration(rows, "took_ms")));
        }
        return events;
      }
    }
  }
}
