package io.relevo.core.metrics;

/**
 * Per-revision traffic counters, as the router sees them. Snapshots are cumulative since the
 * revision first took traffic; the analysis of a window subtracts two snapshots.
 */
public interface MetricsSource {

  /** Counters of one revision of an app; all zero when it never took traffic. */
  RevisionStats snapshot(String app, int revision);

  /**
   * A source that reads both and adds their counters ({@link RevisionStats#plus}), e.g. the
   * router's user traffic and an analysis' synthetic load, judged together. Each snapshot reads
   * {@code a} then {@code b}; an exception from either is thrown on.
   */
  static MetricsSource sum(MetricsSource a, MetricsSource b) {
    if (a == null || b == null) {
      throw new IllegalArgumentException(
          "a, b: "
              + a
              + ", "
              + b
              + " (expected: two sources; pass (app, revision) ->"
              + " RevisionStats.empty() for none)");
    }
    return (app, revision) -> a.snapshot(app, revision).plus(b.snapshot(app, revision));
  }
}
