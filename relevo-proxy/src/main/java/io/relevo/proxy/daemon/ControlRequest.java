package io.relevo.proxy.daemon;

import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.TrafficSplit;
import java.time.Duration;
import java.util.Objects;

/**
 * One line the agent sends to the proxy process over its control socket. Only the fields of the
 * operation are set; the settings travel as Jackson writes the record, so a field added to {@link
 * ProxyConfig} needs no change here.
 *
 * @param op what to do
 * @param app the app, for every operation but {@code PING}, {@code WATCH} and {@code STOP}
 * @param listen where to open the front door ({@code OPEN})
 * @param settings the app's proxy settings ({@code OPEN})
 * @param split the new split ({@code ROUTE})
 * @param revision the revision to drain ({@code DRAIN})
 * @param timeout how long a drain may wait ({@code DRAIN})
 * @param compactStats answer a {@code STATS} with {@link ControlReply#counts()} rather than {@link
 *     ControlReply#stats()} where it can ({@link StatsLine}). A proxy process of an older relevo
 *     ignores the field and answers with {@code stats}, which the agent reads as before.
 */
public record ControlRequest(
    Op op,
    String app,
    HostPort listen,
    ProxyConfig settings,
    TrafficSplit split,
    int revision,
    Duration timeout,
    boolean compactStats) {

  /** The operations of the control socket. */
  public enum Op {
    /** Answers with the process's pid and build. */
    PING,
    OPEN,
    ROUTE,
    CURRENT,
    DRAIN,
    CLOSE,
    /** Every revision's counters of one app, in one answer. */
    STATS,
    /** Holds the connection open until the proxy ends, so the agent sees it end at once. */
    WATCH,
    /** As {@code WATCH}, from a standby process; it does not count as an agent watching. */
    SPARE,
    /** Persists nothing, closes nothing: the process exits and its front doors go with it. */
    STOP,
    /**
     * A new proxy process is taking over: changes are refused with {@code retry} from now on, and
     * the answer names the socket that hands the listening sockets over. Undone if the connection
     * closes before a {@code RETIRE}.
     */
    FREEZE,
    /** Stops accepting, lets the client connections finish, then exits (a planned restart). */
    RETIRE
  }

  public ControlRequest {
    Objects.requireNonNull(op, "op");
  }

  /** A request in the form every proxy process reads. */
  public ControlRequest(
      Op op,
      String app,
      HostPort listen,
      ProxyConfig settings,
      TrafficSplit split,
      int revision,
      Duration timeout) {
    this(op, app, listen, settings, split, revision, timeout, false);
  }

  static ControlRequest of(Op op) {
    return new ControlRequest(op, null, null, null, null, 0, null);
  }

  static ControlRequest of(Op op, String app) {
    return new ControlRequest(op, app, null, null, null, 0, null);
  }

  /** {@code STATS} of {@code app}, answered in the compact form by a proxy that has it. */
  static ControlRequest stats(String app) {
    return new ControlRequest(Op.STATS, app, null, null, null, 0, null, true);
  }
}
