package io.relevo.proxy.daemon;

import io.relevo.core.RelevoException;
import io.relevo.proxy.Proxy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy process's control socket, {@code STATE/proxy.sock} (mode 0600): one JSON {@link
 * ControlRequest} per line in, one {@link ControlReply} per line out, any number of requests per
 * connection, one virtual thread per connection (a drain blocks only its own).
 */
final class ControlServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

  private final ServerSocketChannel server;
  private final Path socket;
  private final ControlHandler handler;
  private final AtomicInteger watchers = new AtomicInteger();

  private ControlServer(ServerSocketChannel server, Path socket, ControlHandler handler) {
    this.server = server;
    this.socket = socket;
    this.handler = handler;
  }

  /**
   * Binds a socket of this process's own name next to {@code socket}, then renames it to {@code
   * socket} in one step: a client connects to the old process or to this one, never to nothing.
   */
  static ControlServer bind(Path socket, ControlHandler handler) throws IOException {
    Path own = socket.resolveSibling(socket.getFileName() + "." + ProcessHandle.current().pid());
    Files.deleteIfExists(own);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(own));
    try {
      Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // the state dir (0700) keeps it private where modes do not exist
    }
    Files.move(own, socket, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    ControlServer control = new ControlServer(server, socket, handler);
    Thread.ofPlatform().name("relevo-proxy-control").daemon().start(control::acceptLoop);
    return control;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        Thread.ofVirtual().name("relevo-proxy-client").start(() -> serve(client));
      } catch (IOException e) {
        if (server.isOpen()) {
          log.warn("control socket {}: accept failed: {}", socket, e.toString());
        }
      }
    }
  }

  private void serve(SocketChannel client) {
    try (client;
        BufferedReader in = new BufferedReader(Channels.newReader(client, StandardCharsets.UTF_8));
        Writer out = Channels.newWriter(client, StandardCharsets.UTF_8)) {
      String line;
      Set<ControlRequest.Op> seen = EnumSet.noneOf(ControlRequest.Op.class);
      try {
        while ((line = in.readLine()) != null) {
          ControlRequest request = parse(line);
          ControlReply reply = request == null ? unreadable(line) : answer(request, in);
          out.write(ProxyJson.MAPPER.writeValueAsString(reply));
          out.write('\n');
          out.flush();
          if (request != null) {
            seen.add(request.op());
            handler.afterReply(request);
          }
        }
      } finally {
        handler.connectionClosed(seen);
      }
    } catch (IOException e) {
      // the agent went away; its next connection starts afresh
    }
  }

  private static ControlRequest parse(String line) {
    try {
      return ProxyJson.MAPPER.readValue(line, ControlRequest.class);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static ControlReply unreadable(String line) {
    return ControlReply.failed(
        RelevoException.Kind.BAD_INPUT,
        "control request: not a request: "
            + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
  }

  private ControlReply answer(ControlRequest request, BufferedReader in) throws IOException {
    if (request.op() == ControlRequest.Op.SPARE) {
      while (in.readLine() != null) {
        // held open until the standby or this process goes
      }
      return ControlReply.ok();
    }
    if (request.op() == ControlRequest.Op.WATCH) {
      watchers.incrementAndGet();
      try {
        while (in.readLine() != null) {
          // held open until the agent or this process goes
        }
      } finally {
        watchers.decrementAndGet();
      }
      return ControlReply.ok();
    }
    try {
      return handler.handle(request);
    } catch (RelevoException e) {
      return ControlReply.failed(e.kind(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("control request {} failed (this is a bug)", request.op(), e);
      return ControlReply.failed(RelevoException.Kind.UNAVAILABLE, request.op() + ": " + e);
    }
  }

  /** How many agents watch this process now. */
  int watchers() {
    return watchers.get();
  }

  Path socket() {
    return socket;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  /** What the control socket does with each request; the proxy process's {@link Proxy}. */
  interface ControlHandler {
    ControlReply handle(ControlRequest request);

    /** Runs once the reply to {@code request} is on its way (to exit after saying so). */
    default void afterReply(ControlRequest request) {}

    /** Runs when a connection closes, with the operations it carried. */
    default void connectionClosed(Set<ControlRequest.Op> seen) {}
  }
}
