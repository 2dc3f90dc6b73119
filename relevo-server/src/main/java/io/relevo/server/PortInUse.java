package io.relevo.server;

import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import java.net.BindException;
import java.util.Locale;

/**
 * A listening port that another process holds, said as such: BAD_INPUT (exit code 2), because the
 * next step is to change the address relevo was given or to stop what holds it, not to look for a
 * missing agent.
 */
final class PortInUse {

  private PortInUse() {}

  /**
   * True when {@code error} or one of its causes is a failed bind because the address is in use: a
   * {@link BindException} of the JDK's sockets, or Netty's native {@code bind(..) failed: Address
   * already in use}.
   */
  static boolean causedBy(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
      if (message.contains("address already in use")
          || (e instanceof BindException && message.contains("in use"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code WHAT: 127.0.0.1:8080 is already in use (by another process); pick another NEXT or stop
   * what holds it}.
   */
  static RelevoException of(String what, HostPort address, String next, Throwable cause) {
    return new RelevoException(
        RelevoException.Kind.BAD_INPUT,
        what
            + ": "
            + address
            + " is already in use (by another process); pick another "
            + next
            + " or stop what holds it",
        cause);
  }
}
