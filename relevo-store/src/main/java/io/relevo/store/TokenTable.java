package io.relevo.store;

import io.relevo.core.access.ApiToken;
import io.relevo.core.access.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the {@code api_tokens} table. Callers hold the store's lock. */
final class TokenTable {

  private static final String COLUMNS =
      "name, role, sha256, created_by, created_at, expires_at, last_used_at";

  private TokenTable() {}

  static boolean exists(Connection connection, String name) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT 1 FROM api_tokens WHERE name = ?")) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  static void insert(Connection connection, ApiToken token) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO api_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      statement.setString(1, token.name());
      Columns.setEnum(statement, 2, token.role());
      statement.setString(3, token.sha256());
      statement.setString(4, token.createdBy());
      Columns.setInstant(statement, 5, token.createdAt());
      Columns.setInstant(statement, 6, token.expiresAt());
      Columns.setInstant(statement, 7, token.lastUsedAt());
      statement.executeUpdate();
    }
  }

  static List<ApiToken> list(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens ORDER BY name")) {
      try (ResultSet rows = statement.executeQuery()) {
        List<ApiToken> tokens = new ArrayList<>();
        while (rows.next()) {
          tokens.add(token(rows));
        }
        return tokens;
      }
    }
  }

  static Optional<ApiToken> findBySha256(Connection connection, String sha256) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE sha256 = ?")) {
      statement.setString(1, sha256);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(token(rows)) : Optional.empty();
      }
    }
  }

  static boolean delete(Connection connection, String name) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("DELETE FROM api_tokens WHERE name = ?")) {
      statement.setString(1, name);
      return statement.executeUpdate() > 0;
    }
  }

  static void markUsed(Connection connection, String name, Instant at) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE name = ?")) {
      Columns.setInstant(statement, 1, at);
      statement.setString(2, name);
      statement.executeUpdate();
    }
  }

  private static ApiToken token(ResultSet rows) throws SQLException {
    return new ApiToken(
        rows.getString("name"),
        Columns.enumValue(rows, "role", Role.class),
        rows.getString("sha256"),
        rows.getString("created_by"),
        Columns.instant(rows, "created_at"),
        Columns.instant(rows, "expires_at"),
        Columns.instant(rows, "last_used_at"));
  }
}
