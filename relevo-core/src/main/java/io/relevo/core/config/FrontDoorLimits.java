package io.relevo.core.config;

import java.time.Duration;

/**
 * What the front door accepts from a client before it answers an error or closes the connection.
 * The defaults follow nginx's where they fit a proxy in front of one app (docs/PROXY.md compares
 * them with nginx's and HAProxy's).
 *
 * @param maxRequestLine bytes of the request line (method, target, version) before 414; default 8
 *     KiB (nginx: one large_client_header_buffers buffer, 8k)
 * @param maxHeaderSize bytes of all header lines together before 431; default 16 KiB (HAProxy's
 *     whole-request buffer, tune.bufsize 16k)
 * @param maxHeaders header fields before 431; default 100 (HAProxy's tune.http.maxhdr, 101)
 * @param headerTimeout how long a client may take to send a request's headers, from its first byte
 *     (or from the end of the previous response), before the connection is closed; default 10 s
 *     (HAProxy's usual timeout http-request; nginx's client_header_timeout is 60 s)
 * @param idleTimeout how long a keep-alive connection may sit with no request before it is closed;
 *     default 75 s (nginx's keepalive_timeout)
 */
public record FrontDoorLimits(
    int maxRequestLine,
    int maxHeaderSize,
    int maxHeaders,
    Duration headerTimeout,
    Duration idleTimeout) {

  public static final int DEFAULT_MAX_REQUEST_LINE = 8 * 1024;
  public static final int DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
  public static final int DEFAULT_MAX_HEADERS = 100;

  public FrontDoorLimits {
    maxRequestLine = maxRequestLine == 0 ? DEFAULT_MAX_REQUEST_LINE : maxRequestLine;
    maxHeaderSize = maxHeaderSize == 0 ? DEFAULT_MAX_HEADER_SIZE : maxHeaderSize;
    maxHeaders = maxHeaders == 0 ? DEFAULT_MAX_HEADERS : maxHeaders;
    headerTimeout = headerTimeout == null ? Duration.ofSeconds(10) : headerTimeout;
    idleTimeout = idleTimeout == null ? Duration.ofSeconds(75) : idleTimeout;
    positive("maxRequestLine", maxRequestLine);
    positive("maxHeaderSize", maxHeaderSize);
    positive("maxHeaders", maxHeaders);
    if (headerTimeout.isNegative() || headerTimeout.isZero()) {
      throw new IllegalArgumentException("headerTimeout: " + headerTimeout + " (expected: > 0)");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
    }
  }

  /** Every limit at its default. */
  public static FrontDoorLimits defaults() {
    return new FrontDoorLimits(0, 0, 0, null, null);
  }

  private static void positive(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0, 0 = default)");
    }
  }
}
