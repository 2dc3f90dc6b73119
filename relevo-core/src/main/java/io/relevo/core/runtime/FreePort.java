package io.relevo.core.runtime;

import io.relevo.core.RelevoException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a TCP port on the loopback address that nothing listens on right now, for runtimes that
 * publish a revision on a port relevo chooses.
 *
 * <p>Ports come from 20000 to 32000, below Linux's ephemeral range (32768 on), as Nomad's dynamic
 * ports do: the kernel gives ephemeral ports to outgoing connections, and on a busy host (a proxy
 * forwarding to 200 revisions, health checks every 200 ms) one of them took a port between the
 * moment relevo picked it and the moment the revision bound it, so the revision failed with
 * "Address already in use". A port handed out is not handed out again for a minute, so two
 * revisions started at once never get the same one.
 */
public final class FreePort {

  static final int LOW = 20000;
  static final int HIGH = 32000;

  private static final Path EPHEMERAL = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final long HELD_NANOS = 60_000_000_000L;
  private static final int ATTEMPTS = 200;

  private static final Map<Integer, Long> handedOut = new ConcurrentHashMap<>();

  private FreePort() {}

  /**
   * A free port from 20000 up to the ephemeral range, or, when that range is too narrow on this
   * host, one the kernel picks. Another program may still take it before the revision binds it; the
   * revision's readiness check then fails and the rollout stops with the revision's log, which
   * names the bind error.
   */
  public static int pick() {
    return pick(LOW, Math.min(HIGH, ephemeralLow() - 1));
  }

  /** A free port in {@code [low, high]} not handed out in the last minute, else the kernel's. */
  static int pick(int low, int high) {
    if (high - low >= 0) {
      long now = System.nanoTime();
      handedOut.values().removeIf(at -> now - at > HELD_NANOS);
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(low, high + 1);
        if (handedOut.putIfAbsent(port, now) == null && free(port)) {
          return port;
        }
      }
    }
    return kernelPick();
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static int kernelPick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "cannot find a free port on 127.0.0.1: " + e.getMessage(),
          e);
    }
  }

  /** The first port of the kernel's ephemeral range; Linux's default when it cannot be read. */
  static int ephemeralLow() {
    try {
      // readAllLines, not readString: on some kernels a /proc file reads short that way
      int low = Integer.parseInt(Files.readAllLines(EPHEMERAL).get(0).trim().split("\\s+")[0]);
      return low > 1024 ? low : 32768;
    } catch (IOException | RuntimeException unreadable) {
      return 32768;
    }
  }
}
