package io.relevo.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;

/** Nullable column values: instants as epoch millis, durations as millis, enums by name. */
final class Columns {

  private Columns() {}

  static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    setLong(statement, index, value == null ? null : value.toEpochMilli());
  }

  static void setDuration(PreparedStatement statement, int index, Duration value)
      throws SQLException {
    setLong(statement, index, value == null ? null : value.toMillis());
  }

  static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  static void setInt(PreparedStatement statement, int index, Integer value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  static void setEnum(PreparedStatement statement, int index, Enum<?> value) throws SQLException {
    statement.setString(index, value == null ? null : value.name());
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    Long millis = longOrNull(row, column);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  static Duration duration(ResultSet row, String column) throws SQLException {
    Long millis = longOrNull(row, column);
    return millis == null ? null : Duration.ofMillis(millis);
  }

  static Long longOrNull(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  static Integer intOrNull(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  static <E extends Enum<E>> E enumValue(ResultSet row, String column, Class<E> type)
      throws SQLException {
    String name = row.getString(column);
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new SQLException(
          column
              + ": "
              + name
              + " (expected one of "
              + java.util.Arrays.toString(type.getEnumConstants())
              + ")",
          e);
    }
  }
}
