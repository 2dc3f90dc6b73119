package io.relevo.core.metrics;

/**
 * Per-revision traffic counters, as the router sees them. Snapshots are cumulative since the
 * revision first took traffic; the analysis of a window subtracts two snapshots.
 */
public interface MetricsSource {

  /** Counters of one revision of an app; all zero when it never took traffic. */
  RevisionStats snapshot(String app, int revision);
}
