package io.relevo.proxy.daemon;

import com.fasterxml.jackson.databind.ObjectReader;
import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.routing.Router;
import io.relevo.core.routing.TrafficSplit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's side of the proxy process's control socket: a {@link Router} and {@link
 * MetricsSource} whose every call is one request on a connection kept open between calls ({@link
 * ControlConnections}; calls at the same moment get one each, so a drain blocks only itself). While
 * the proxy restarts, calls wait for it (up to {@code patience}) and are sent again, which is safe
 * because every change is idempotent. Thread-safe; {@link #close()} closes the kept connections.
 */
public final class ProxyClient implements Router, MetricsSource, AutoCloseable {

  /** How long one analysis tick's snapshots of an app's revisions share one answer. */
  private static final long STATS_REUSE_NANOS = 100_000_000;

  private static final long RETRY_MILLIS = 20;

  private static final ObjectReader REPLY = ProxyJson.MAPPER.readerFor(ControlReply.class);

  private final Path socket;
  private final Duration patience;
  private final Map<String, Stats> stats = new ConcurrentHashMap<>();

  /** Each app's STATS request as sent: the same line at every analysis tick. */
  private final Map<String, String> statsRequests = new ConcurrentHashMap<>();

  private final ControlConnections connections;

  public ProxyClient(Path socket, Duration patience) {
    this.socket = socket;
    this.patience = patience;
    this.connections = new ControlConnections(socket);
  }

  /** The process that answers now. */
  public ProxyFile ping() {
    return call(ControlRequest.of(ControlRequest.Op.PING)).process();
  }

  /**
   * @throws RelevoException as the proxy failed: UNAVAILABLE naming the address when the front door
   *     cannot listen (its message carries the system's reason, e.g. "Address already in use")
   */
  @Override
  public void open(String app, HostPort listen, ProxyConfig settings) {
    listen(app, listen, settings);
  }

  /** Opens the app's front door (idempotent) and returns the port it listens on. */
  public int listen(String app, HostPort listen, ProxyConfig settings) {
    return call(new ControlRequest(ControlRequest.Op.OPEN, app, listen, settings, null, 0, null))
        .port();
  }

  @Override
  public void route(String app, TrafficSplit split) {
    call(new ControlRequest(ControlRequest.Op.ROUTE, app, null, null, split, 0, null));
  }

  @Override
  public TrafficSplit current(String app) {
    return call(ControlRequest.of(ControlRequest.Op.CURRENT, app)).split();
  }

  @Override
  public DrainResult drain(String app, int revision, Duration timeout) {
    return call(new ControlRequest(
            ControlRequest.Op.DRAIN, app, null, null, null, revision, timeout))
        .drain();
  }

  @Override
  public void close(String app) {
    call(ControlRequest.of(ControlRequest.Op.CLOSE, app));
    statsRequests.remove(app);
  }

  /**
   * The revision's counters. One request answers for all of the app's revisions and serves the
   * snapshots of the next 100 ms too, so an analysis tick that reads the stable revision and the
   * canary costs one round trip. Counters add up across proxy processes ({@link
   * CountersAcrossRestarts}).
   */
  @Override
  public RevisionStats snapshot(String app, int revision) {
    long now = System.nanoTime();
    Stats cached = stats.get(app);
    if (cached == null || now - cached.takenNanos > STATS_REUSE_NANOS) {
      ControlRequest request = ControlRequest.stats(app);
      ControlReply reply = call(request, statsRequests.computeIfAbsent(app, a -> line(request)));
      Map<Integer, RevisionStats> all = reply.allStats();
      long pid = reply.process() == null ? 0 : reply.process().pid();
      CountersAcrossRestarts counters =
          cached == null ? CountersAcrossRestarts.first(pid, all) : cached.counters.next(pid, all);
      cached = new Stats(now, counters);
      stats.put(app, cached);
    }
    return cached.counters.of(revision);
  }

  /** Asks the proxy process to exit; its front doors close with it, its routes file stays. */
  public void stopProcess() {
    call(ControlRequest.of(ControlRequest.Op.STOP));
  }

  /**
   * Opens a connection that stays open for as long as the proxy process runs; {@link
   * Watch#awaitEnd()} returns when the process ends.
   */
  public Watch watch() throws IOException {
    SocketChannel channel = connect();
    Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8);
    out.write(ProxyJson.MAPPER.writeValueAsString(ControlRequest.of(ControlRequest.Op.WATCH)));
    out.write('\n');
    out.flush();
    return new Watch(channel);
  }

  private ControlReply call(ControlRequest request) {
    return call(request, line(request));
  }

  private static String line(ControlRequest request) {
    try {
      return ProxyJson.MAPPER.writeValueAsString(request);
    } catch (IOException e) {
      throw new IllegalArgumentException("request: " + request + ": " + e.getMessage(), e);
    }
  }

  private ControlReply call(ControlRequest request, String line) {
    long deadline = System.nanoTime() + patience.toNanos();
    IOException last = null;
    do {
      ControlConnections.Connection connection = null;
      try {
        connection = connections.take();
        String reply = connection.exchange(line);
        if (reply != null) {
          ControlReply answer = REPLY.readValue(reply);
          if (!answer.retry()) {
            connections.give(connection);
            return answer.orThrow();
          }
          last = new IOException(answer.error());
        } else {
          last = new IOException("the proxy process closed the connection without answering");
        }
      } catch (IOException e) {
        last = e;
      }
      if (connection != null) {
        connection.close();
      }
      if (connection == null || !connection.reused()) {
        sleep(); // a kept connection that failed only says its process is gone: try a new one now
      }
    } while (System.nanoTime() < deadline);
    throw new RelevoException(
        RelevoException.Kind.UNAVAILABLE,
        "relevo proxy at "
            + socket
            + " did not answer "
            + request.op()
            + " within "
            + patience.toSeconds()
            + " s: "
            + last.getMessage()
            + " (see logs/proxy.log in the state dir)",
        last);
  }

  private SocketChannel connect() throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return channel;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RelevoException(RelevoException.Kind.UNAVAILABLE, "interrupted", e);
    }
  }

  /** Closes the connections kept open; a later call opens a new one. */
  @Override
  public void close() {
    connections.close();
  }

  private record Stats(long takenNanos, CountersAcrossRestarts counters) {}

  /** A connection held open until the proxy process ends. */
  public static final class Watch implements AutoCloseable {
    private final SocketChannel channel;

    private Watch(SocketChannel channel) {
      this.channel = channel;
    }

    /** Blocks until the proxy process ends (or {@link #close()} is called). */
    public void awaitEnd() {
      try {
        BufferedReader in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
          // a WATCH is answered only when the proxy ends it
        }
      } catch (IOException e) {
        // closed either way
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
