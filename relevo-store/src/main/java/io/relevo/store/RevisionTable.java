package io.relevo.store;

import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.store.Revision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the {@code revisions} table. Callers hold the store's lock. */
final class RevisionTable {

  private static final String COLUMNS =
      "app, number, version, config_hash, config_text, config_file, state, instance_id,"
          + " instance_host, instance_port, instance_started_at, created_at, keep_until, exit_code";

  private static final String UPSERT =
      "INSERT INTO revisions ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (app, number) DO UPDATE SET version = excluded.version,"
          + " config_hash = excluded.config_hash, config_text = excluded.config_text,"
          + " config_file = excluded.config_file, state = excluded.state,"
          + " instance_id = excluded.instance_id, instance_host = excluded.instance_host,"
          + " instance_port = excluded.instance_port,"
          + " instance_started_at = excluded.instance_started_at,"
          + " created_at = excluded.created_at, keep_until = excluded.keep_until,"
          + " exit_code = excluded.exit_code";

  private RevisionTable() {}

  static List<String> apps(Connection connection) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement("SELECT DISTINCT app FROM revisions ORDER BY app");
        ResultSet rows = statement.executeQuery()) {
      List<String> apps = new ArrayList<>();
      while (rows.next()) {
        apps.add(rows.getString(1));
      }
      return apps;
    }
  }

  static int nextNumber(Connection connection, String app) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM revisions WHERE app = ?")) {
      statement.setString(1, app);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  static void save(Connection connection, Revision revision) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
      InstanceRecord instance = revision.instance();
      statement.setString(1, revision.app());
      statement.setInt(2, revision.number());
      statement.setString(3, revision.version());
      statement.setString(4, revision.configHash());
      statement.setString(5, revision.configText());
      statement.setString(6, revision.configFile());
      Columns.setEnum(statement, 7, revision.state());
      statement.setString(8, instance == null ? null : instance.id());
      statement.setString(9, instance == null ? null : instance.host());
      Columns.setInt(statement, 10, instance == null ? null : instance.port());
      Columns.setLong(statement, 11, instance == null ? null : instance.startedAt());
      Columns.setInstant(statement, 12, revision.createdAt());
      Columns.setInstant(statement, 13, revision.keepUntil());
      Columns.setInt(statement, 14, revision.exitCode());
      statement.executeUpdate();
    }
  }

  static Optional<Revision> find(Connection connection, String app, int number)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM revisions WHERE app = ? AND number = ?")) {
      statement.setString(1, app);
      statement.setInt(2, number);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  static List<Revision> list(Connection connection, String app) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM revisions WHERE app = ? ORDER BY number DESC")) {
      statement.setString(1, app);
      try (ResultSet rows = statement.executeQuery()) {
        List<Revision> revisions = new ArrayList<>();
        while (rows.next()) {
          revisions.add(read(rows));
        }
        return revisions;
      }
    }
  }

  private static Revision read(ResultSet row) throws SQLException {
    // A revision runs exactly when its instance id is set; the other instance columns follow it.
    String instanceId = row.getString("instance_id");
    InstanceRecord instance =
        instanceId == null
            ? null
            : new InstanceRecord(
                instanceId,
                row.getString("instance_host"),
                row.getInt("instance_port"),
                row.getLong("instance_started_at"));
    return new Revision(
        row.getString("app"),
        row.getInt("number"),
        row.getString("version"),
        row.getString("config_hash"),
        row.getString("config_text"),
        row.getString("config_file"),
        Columns.enumValue(row, "state", Revision.State.class),
        instance,
        Columns.instant(row, "created_at"),
        Columns.instant(row, "keep_until"),
        Columns.intOrNull(row, "exit_code"));
  }
}
