package io.relevo.proxy.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The agent's open connections to a proxy process's control socket, kept between calls: a call
 * takes one (or opens one), sends its line, reads the answer and gives it back. Most of the time
 * one connection serves every call; calls at the same moment (a drain that waits, analyses of many
 * apps) each get their own, and at most {@link #KEPT} are kept open afterwards.
 *
 * <p>A connection belongs to the socket file it was opened through: a new proxy process binds a
 * socket of its own and renames it over {@code proxy.sock} (a restart, a takeover, a standby that
 * serves in place of a dead process), so a kept connection whose file is no longer the one at that
 * path reaches an old process and is closed instead of used. One that broke (the process died) is
 * found so when it is used, and the caller opens a new one. Thread-safe.
 */
final class ControlConnections implements AutoCloseable {

  /** How many idle connections stay open. */
  static final int KEPT = 4;

  private final Path socket;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  ControlConnections(Path socket) {
    this.socket = socket;
  }

  /** A connection to the process that owns the socket now: a kept one, or a new one. */
  Connection take() throws IOException {
    Object file = fileKey();
    while (true) {
      Connection kept;
      synchronized (this) {
        kept = idle.pollFirst();
      }
      if (kept == null) {
        return Connection.open(socket, file);
      }
      if (file != null && file.equals(kept.file)) {
        return kept;
      }
      kept.close(); // opened through a socket file that another process has replaced since
    }
  }

  /** Keeps {@code connection} for the next call, or closes it when enough are kept. */
  void give(Connection connection) {
    synchronized (this) {
      if (!closed && idle.size() < KEPT) {
        connection.reused = true;
        idle.addFirst(connection);
        return;
      }
    }
    connection.close();
  }

  /** How many connections are kept open now. */
  synchronized int kept() {
    return idle.size();
  }

  @Override
  public void close() {
    Connection[] all;
    synchronized (this) {
      closed = true;
      all = idle.toArray(Connection[]::new);
      idle.clear();
    }
    for (Connection connection : all) {
      connection.close();
    }
  }

  /**
   * The identity of the socket file (device and inode), read before connecting: a connection opened
   * just after another process replaced the file is then taken for an old one and reopened, never
   * the other way round.
   */
  private Object fileKey() {
    try {
      return Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null; // no socket: the connect below says so
    }
  }

  /** One connection: one JSON line out, one JSON line back, as many times as it is used. */
  static final class Connection {
    private final SocketChannel channel;
    private final Writer out;
    private final BufferedReader in;
    private final Object file;
    private boolean reused;

    private Connection(SocketChannel channel, Object file) {
      this.channel = channel;
      this.out = Channels.newWriter(channel, StandardCharsets.UTF_8);
      this.in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
      this.file = file;
    }

    static Connection open(Path socket, Object file) throws IOException {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
        return new Connection(channel, file);
      } catch (IOException e) {
        channel.close();
        throw e;
      }
    }

    /**
     * Sends {@code line} and returns the answer; null when the process closed the connection
     * without answering.
     */
    String exchange(String line) throws IOException {
      out.write(line);
      out.write('\n');
      out.flush();
      return in.readLine();
    }

    /** True when it served a call before: a failure may only mean the process is gone. */
    boolean reused() {
      return reused;
    }

    void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // closed either way
      }
    }
  }
}
