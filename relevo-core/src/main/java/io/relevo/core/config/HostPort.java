package io.relevo.core.config;

/** A host and a TCP port, as in {@code 127.0.0.1:8080}. */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host: empty (expected: a host name or address)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
    }
  }

  /** Parses {@code host:port}; a bare {@code :port} or port means 127.0.0.1. */
  public static HostPort parse(String text) {
    String s = text.trim();
    int colon = s.lastIndexOf(':');
    String host = colon <= 0 ? "127.0.0.1" : s.substring(0, colon);
    String port = colon < 0 ? s : s.substring(colon + 1);
    try {
      return new HostPort(host, Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "\"" + text + "\" (expected: host:port, like 127.0.0.1:8080)");
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
