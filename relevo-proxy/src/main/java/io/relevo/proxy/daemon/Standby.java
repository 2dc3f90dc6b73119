package io.relevo.proxy.daemon;

import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.proxy.Proxy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hot standby proxy process: started and warmed up (event loops, JSON, the routes file parsed
 * once) while the serving process runs, it holds a connection to that process and, the moment the
 * kernel closes it because the process died, opens the front doors in its place from the routes
 * file. A crash of the proxy then costs the time to bind a few sockets, not a JVM start, and needs
 * no agent. It tells a crash from a deliberate end by {@code proxy.json}: a process that ends on
 * purpose deletes it first (the standby then ends too), and one replaced by a planned restart is
 * named there no more (the standby then watches the new one).
 */
final class Standby {

  private static final Logger log = LoggerFactory.getLogger(Standby.class);

  private Standby() {}

  /** Returns when the serving process has died and this one is to serve; exits when it is not. */
  static void await(ProxyPaths paths, ProxyFile self, Proxy proxy) throws IOException {
    warmUp(paths, proxy);
    ProxyDaemon.writeProcessFile(paths.standbyFile(), self);
    log.info("relevo proxy standby: pid {}, waiting for the serving process to end", self.pid());
    while (true) {
      watchServing(paths);
      long ended = System.nanoTime();
      Optional<ProxyFile> named = serving(paths);
      if (!Files.isDirectory(paths.stateDir()) || named.isEmpty()) {
        log.info("the serving proxy process ended on purpose; standby ending");
        Files.deleteIfExists(paths.standbyFile());
        System.exit(0);
      }
      if (!named.get().alive()) {
        log.warn(
            "the serving proxy process {} died {} ms ago; serving in its place",
            named.get().describe(),
            (System.nanoTime() - ended) / 1_000_000);
        Files.deleteIfExists(paths.standbyFile());
        return;
      }
      sleep(20); // a new serving process (a planned restart), or a moment before it answers
    }
  }

  /**
   * Runs the code a front door needs once, so that taking over costs no class loading: parses the
   * routes file, opens a front door on a free port, sends it one request (answered 503: no
   * revision), and closes it.
   */
  private static void warmUp(ProxyPaths paths, Proxy proxy) {
    try {
      new RoutesFile(paths.routes()).read();
    } catch (RuntimeException e) {
      // the serving process owns the file; it is read again on activation
    }
    String app = "relevo-standby-warm-up";
    try {
      proxy.open(app, new HostPort("127.0.0.1", 0), ProxyConfig.defaults());
      try (Socket socket = new Socket("127.0.0.1", proxy.boundPort(app))) {
        socket.setSoTimeout(5_000);
        socket
            .getOutputStream()
            .write(
                "GET / HTTP/1.1\r\nHost: warm-up\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        socket.getInputStream().readAllBytes();
      }
    } catch (IOException | RuntimeException e) {
      log.debug("warm-up: {}", e.toString());
    } finally {
      proxy.close(app);
    }
  }

  /** Blocks until the serving process's socket closes, or returns at once when none answers. */
  private static void watchServing(ProxyPaths paths) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(paths.socket()));
      Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8);
      out.write(ProxyJson.MAPPER.writeValueAsString(ControlRequest.of(ControlRequest.Op.SPARE)));
      out.write('\n');
      out.flush();
      BufferedReader in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        // answered only when the serving process ends
      }
    } catch (IOException e) {
      // no one answers: judged by proxy.json below
    }
  }

  private static Optional<ProxyFile> serving(ProxyPaths paths) {
    try {
      return Optional.of(ProxyJson.MAPPER.readValue(paths.processFile().toFile(), ProxyFile.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
