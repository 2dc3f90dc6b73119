package io.relevo.core.runtime;

import io.relevo.core.RelevoException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a TCP port on the loopback address that nothing listens on right now, for runtimes that
 * publish a revision on a port relevo chooses.
 */
public final class FreePort {

  private FreePort() {}

  /**
   * Asks the kernel for an ephemeral port and releases it at once. Another program may take it
   * before the revision binds it; that race is accepted because the revision's readiness check then
   * fails and the rollout stops with the revision's log, which names the bind error.
   */
  public static int pick() {
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
}
