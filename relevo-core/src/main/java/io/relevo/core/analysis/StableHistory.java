package io.relevo.core.analysis;

import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.RevisionStats;
import java.time.Duration;

/**
 * The stable revision's traffic before an analysis run: its recent past (up to an hour), which
 * judges weigh with its traffic during the run. With it, a handful of canary requests is evidence
 * when stable has been clean for an hour, and a revision that no longer takes traffic (the previous
 * one, during the watch after a promotion) can still be compared with.
 */
public final class StableHistory {

  private static final StableHistory NONE =
      new StableHistory(RevisionWindow.empty(), Duration.ZERO);

  private final RevisionWindow window;
  private final Duration span;

  private StableHistory(RevisionWindow window, Duration span) {
    this.window = window;
    this.span = span;
  }

  /** No history: judges compare with stable's traffic during the run only. */
  public static StableHistory none() {
    return NONE;
  }

  /**
   * The traffic between two cumulative snapshots of the stable revision.
   *
   * @param span how long apart the snapshots were taken, for messages
   */
  public static StableHistory between(RevisionStats before, RevisionStats after, Duration span) {
    return new StableHistory(RevisionWindow.between(before, after), span);
  }

  /**
   * The history as counters from zero (its errors as 5xx, its latency histogram when it has one),
   * to keep it in history and read it back with {@code between(RevisionStats.empty(), counters,
   * span)}.
   */
  public RevisionStats counters() {
    return new RevisionStats(
        window.requests(),
        window.successes(),
        0,
        0,
        window.errors(),
        0,
        0,
        LatencySnapshot.empty(),
        window.histogram());
  }

  /** Requests in the history. */
  public long requests() {
    return window.requests();
  }

  /** Requests that failed in the history. */
  public long errors() {
    return window.errors();
  }

  /** The time the history covers. */
  public Duration span() {
    return span;
  }

  RevisionWindow window() {
    return window;
  }

  @Override
  public String toString() {
    return requests() + " requests over " + Formats.duration(span);
  }
}
