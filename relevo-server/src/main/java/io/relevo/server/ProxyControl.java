package io.relevo.server;

import io.relevo.proxy.daemon.ProxyFile;
import java.util.Optional;

/**
 * What the command line does to a state dir's proxy process without the agent: find it, restart it
 * without a pause, stop it.
 */
public final class ProxyControl {

  private ProxyControl() {}

  /** The proxy process serving the state dir, if one runs and answers. */
  public static Optional<ProxyFile> find(StateDir stateDir) {
    return ProxyProcess.find(stateDir);
  }

  /**
   * Starts a new proxy process of this relevo, which takes the listening sockets over from the
   * running one; the old one closes each connection after its next answer and exits. No request is
   * refused or lost. Starts one when none runs.
   */
  public static ProxyFile restart(StateDir stateDir) {
    stateDir.create();
    return ProxyProcess.restart(stateDir);
  }

  /** Stops the proxy process, closing every front door; the next agent starts a new one. */
  public static Optional<ProxyFile> stop(StateDir stateDir) {
    return ProxyProcess.stop(stateDir);
  }
}
