package io.relevo.core.metrics;

/**
 * Per-revision traffic counters, as the router sees them. Snapshots are cumulative since the
 * revision first took traffic; the analysis of a window subtracts two snapshots.
 */
public interface MetricsSource {

  /** Counters of one revision of an app; all zero when it never took traffic. */
  RevisionStats snapshot(String app, int revision);

  /** Both sources' counters added up, revision by revision. */
  static MetricsSource sum(MetricsSource a, MetricsSource b) {
    return (app, revision) -> a.snapshot(app, revision).plus(b.snapshot(app, revision));
  }
}
