package io.relevo.proxy.daemon;

import io.relevo.core.metrics.RevisionStats;
import java.util.HashMap;
import java.util.Map;

/**
 * One app's counters as the agent sees them: cumulative across proxy processes. A new process
 * (after a crash or a planned restart) counts from zero; the last counters read from the process
 * before it become a base that every later reading adds to, so an analysis window that spans the
 * restart never sees a counter go back. The requests the old process served after that last reading
 * are not counted. Immutable.
 */
record CountersAcrossRestarts(
    long pid, Map<Integer, RevisionStats> base, Map<Integer, RevisionStats> last) {

  static CountersAcrossRestarts first(long pid, Map<Integer, RevisionStats> stats) {
    return new CountersAcrossRestarts(pid, Map.of(), stats);
  }

  /** With a new reading from process {@code pid}. */
  CountersAcrossRestarts next(long pid, Map<Integer, RevisionStats> stats) {
    if (pid == this.pid) {
      return new CountersAcrossRestarts(pid, base, stats);
    }
    Map<Integer, RevisionStats> carried = new HashMap<>(base);
    last.forEach(
        (revision, stats1) -> carried.merge(revision, finished(stats1), RevisionStats::plus));
    return new CountersAcrossRestarts(pid, Map.copyOf(carried), stats);
  }

  /** The revision's counters across every process so far. */
  RevisionStats of(int revision) {
    RevisionStats now = last.getOrDefault(revision, RevisionStats.empty());
    RevisionStats before = base.get(revision);
    return before == null ? now : before.plus(now);
  }

  /** Counters without the requests in flight: those of a process that is gone are no more. */
  private static RevisionStats finished(RevisionStats stats) {
    return new RevisionStats(
        stats.requests(),
        stats.status2xx(),
        stats.status3xx(),
        stats.status4xx(),
        stats.status5xx(),
        stats.connectFailures(),
        stats.timeouts(),
        stats.latency(),
        stats.histogram(),
        stats.retried(),
        null);
  }
}
