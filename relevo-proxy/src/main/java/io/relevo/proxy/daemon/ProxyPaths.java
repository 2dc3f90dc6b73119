package io.relevo.proxy.daemon;

import io.relevo.core.RelevoException;
import java.nio.file.Path;

/**
 * The proxy process's files in a state dir: {@code proxy.sock} (its control socket), {@code
 * proxy.json} (which process it is), {@code routes.json} (its front doors and splits) and {@code
 * logs/proxy.log}.
 */
public record ProxyPaths(Path stateDir) {

  /** Unix domain socket paths are limited to 107 bytes on Linux. */
  private static final int MAX_SOCKET_PATH = 100;

  public ProxyPaths {
    stateDir = stateDir.toAbsolutePath().normalize();
  }

  public Path socket() {
    Path socket = stateDir.resolve("proxy.sock");
    if (socket.toString().length() > MAX_SOCKET_PATH) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "state dir "
              + stateDir
              + ": too long a path for the proxy's control socket (expected: at most "
              + (MAX_SOCKET_PATH - 11)
              + " characters; choose a shorter --state-dir)");
    }
    return socket;
  }

  public Path processFile() {
    return stateDir.resolve("proxy.json");
  }

  /** The hot standby process, if one waits: {@code proxy-standby.json}. */
  public Path standbyFile() {
    return stateDir.resolve("proxy-standby.json");
  }

  public Path routes() {
    return stateDir.resolve("routes.json");
  }

  public Path log() {
    return stateDir.resolve("logs").resolve("proxy.log");
  }
}
