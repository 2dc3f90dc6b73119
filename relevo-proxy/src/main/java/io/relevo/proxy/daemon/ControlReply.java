package io.relevo.proxy.daemon;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.relevo.core.RelevoException;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.routing.TrafficSplit;
import java.util.HashMap;
import java.util.Map;

/**
 * The proxy process's answer to one {@link ControlRequest}: {@code error} set when it failed (with
 * the {@link RelevoException.Kind} it failed with), else the fields of the operation.
 *
 * @param error what went wrong, as the proxy said it; null on success
 * @param kind the kind of the failure; null on success
 * @param split the split in force ({@code CURRENT})
 * @param stats each revision's counters ({@code STATS})
 * @param drain what the drain did ({@code DRAIN})
 * @param port the port the front door listens on ({@code OPEN})
 * @param process the proxy process that answered ({@code PING}, {@code STATS}, {@code FREEZE})
 * @param handoff the socket on which this process hands its listening sockets over ({@code FREEZE})
 * @param retry true when this process is handing over to a new one: send the request again, the new
 *     one will answer it
 * @param counts each revision's counters in the compact form ({@code STATS} asked with {@link
 *     ControlRequest#compactStats()}); the revisions it cannot carry are in {@code stats}
 */
@JsonInclude(JsonInclude.Include.NON_NULL) // fields left out read as null, on either version
public record ControlReply(
    String error,
    RelevoException.Kind kind,
    TrafficSplit split,
    Map<Integer, RevisionStats> stats,
    DrainResult drain,
    int port,
    ProxyFile process,
    String handoff,
    boolean retry,
    Map<Integer, StatsLine> counts) {

  static ControlReply ok() {
    return new ControlReply(null, null, null, null, null, 0, null, null, false, null);
  }

  static ControlReply failed(RelevoException.Kind kind, String error) {
    return new ControlReply(error, kind, null, null, null, 0, null, null, false, null);
  }

  static ControlReply handingOver() {
    return new ControlReply(
        "this proxy process is handing over to a new one",
        RelevoException.Kind.UNAVAILABLE,
        null,
        null,
        null,
        0,
        null,
        null,
        true,
        null);
  }

  static ControlReply of(TrafficSplit split) {
    return new ControlReply(null, null, split, null, null, 0, null, null, false, null);
  }

  static ControlReply of(Map<Integer, RevisionStats> stats, ProxyFile process) {
    return new ControlReply(null, null, null, stats, null, 0, process, null, false, null);
  }

  /**
   * The counters in the compact form, each revision's that it can carry (see {@link StatsLine}),
   * and the process by its pid and build only: a reader of counters needs the pid to tell a
   * restart, and parsing a start time at every call was most of what a STATS call cost the agent.
   */
  static ControlReply compact(Map<Integer, RevisionStats> stats, ProxyFile process) {
    Map<Integer, StatsLine> counts = new HashMap<>();
    Map<Integer, RevisionStats> rest = new HashMap<>();
    stats.forEach(
        (revision, revisionStats) -> {
          StatsLine line = StatsLine.of(revisionStats);
          if (line == null) {
            rest.put(revision, revisionStats);
          } else {
            counts.put(revision, line);
          }
        });
    ProxyFile byPid = process == null ? null : new ProxyFile(process.pid(), null, process.build());
    return new ControlReply(
        null, null, null, rest.isEmpty() ? null : rest, null, 0, byPid, null, false, counts);
  }

  /** Every revision's counters, whichever form they came in. */
  public Map<Integer, RevisionStats> allStats() {
    Map<Integer, RevisionStats> all = new HashMap<>();
    if (stats != null) {
      all.putAll(stats);
    }
    if (counts != null) {
      counts.forEach((revision, line) -> all.put(revision, line.toStats()));
    }
    return all;
  }

  static ControlReply of(DrainResult drain) {
    return new ControlReply(null, null, null, null, drain, 0, null, null, false, null);
  }

  static ControlReply opened(int port) {
    return new ControlReply(null, null, null, null, null, port, null, null, false, null);
  }

  static ControlReply of(ProxyFile process) {
    return new ControlReply(null, null, null, null, null, 0, process, null, false, null);
  }

  static ControlReply frozen(ProxyFile process, String handoff) {
    return new ControlReply(null, null, null, null, null, 0, process, handoff, false, null);
  }

  /** Throws the failure as the proxy reported it, if any. */
  ControlReply orThrow() {
    if (error != null) {
      throw new RelevoException(kind == null ? RelevoException.Kind.UNAVAILABLE : kind, error);
    }
    return this;
  }
}
