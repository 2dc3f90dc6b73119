package io.relevo.store;

import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.store.WatchRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SQL of the {@code promotion_watches} table. The reference's latency histogram is kept as its
 * bucket counts on the standard bounds, comma-separated. Callers hold the store's lock.
 */
final class WatchTable {

  private WatchTable() {}

  static Optional<WatchRecord> find(Connection connection, String app) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT rollout_id, promoted, previous, until_at, reference_requests,"
                + " reference_errors, reference_latency, reference_span_ms"
                + " FROM promotion_watches WHERE app = ?")) {
      statement.setString(1, app);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        long requests = rows.getLong("reference_requests");
        long errors = rows.getLong("reference_errors");
        RevisionStats reference =
            new RevisionStats(
                requests,
                requests - errors,
                0,
                0,
                errors,
                0,
                0,
                LatencySnapshot.empty(),
                histogram(rows.getString("reference_latency")));
        return Optional.of(
            new WatchRecord(
                app,
                rows.getLong("rollout_id"),
                rows.getInt("promoted"),
                rows.getInt("previous"),
                Columns.instant(rows, "until_at"),
                reference,
                Columns.duration(rows, "reference_span_ms")));
      }
    }
  }

  static void save(Connection connection, WatchRecord watch) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO promotion_watches (app, rollout_id, promoted, previous, until_at,"
                + " reference_requests, reference_errors, reference_latency, reference_span_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (app) DO UPDATE SET"
                + " rollout_id = excluded.rollout_id, promoted = excluded.promoted,"
                + " previous = excluded.previous, until_at = excluded.until_at,"
                + " reference_requests = excluded.reference_requests,"
                + " reference_errors = excluded.reference_errors,"
                + " reference_latency = excluded.reference_latency,"
                + " reference_span_ms = excluded.reference_span_ms")) {
      RevisionStats reference = watch.reference();
      statement.setString(1, watch.app());
      statement.setLong(2, watch.rolloutId());
      statement.setInt(3, watch.promoted());
      statement.setInt(4, watch.previous());
      Columns.setInstant(statement, 5, watch.until());
      statement.setLong(6, reference.requests());
      statement.setLong(7, reference.errors());
      statement.setString(8, text(reference.histogram()));
      Columns.setDuration(statement, 9, watch.referenceSpan());
      statement.executeUpdate();
    }
  }

  static void delete(Connection connection, String app) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("DELETE FROM promotion_watches WHERE app = ?")) {
      statement.setString(1, app);
      statement.executeUpdate();
    }
  }

  private static String text(LatencyHistogram histogram) {
    if (histogram == null) {
      return null;
    }
    return Arrays.stream(histogram.counts())
        .mapToObj(Long::toString)
        .collect(Collectors.joining(","));
  }

  /** Counts on the standard bounds; null (no histogram) when absent or written on other bounds. */
  private static LatencyHistogram histogram(String text) {
    long[] bounds = LatencyHistogram.standardBoundsMicros();
    if (text == null || text.isEmpty()) {
      return null;
    }
    long[] counts = Arrays.stream(text.split(",")).mapToLong(Long::parseLong).toArray();
    return counts.length == bounds.length ? new LatencyHistogram(bounds, counts) : null;
  }
}
