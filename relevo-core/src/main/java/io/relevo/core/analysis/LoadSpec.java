package io.relevo.core.analysis;

import java.util.Map;

/**
 * Synthetic load an analysis sends while it runs ({@code analysis.NAME.load}), so that a service
 * with little traffic can still be judged: relevo itself sends {@code rate} requests per second to
 * the canary and as many to the stable revision, directly (not through the front door), and counts
 * their answers apart from user traffic; the analysis judges both together.
 *
 * @param ratePerSecond requests per second to each side, {@code 0 < rate <= }{@link #MAX_RATE}; 0
 *     only for {@link #NONE}
 * @param method the HTTP method, e.g. {@code GET}
 * @param path the request path, starting with {@code /}
 * @param headers extra request headers
 */
public record LoadSpec(
    double ratePerSecond, String method, String path, Map<String, String> headers) {

  /** The most requests per second relevo sends to one revision. */
  public static final double MAX_RATE = 200;

  /** No synthetic load (the default). */
  public static final LoadSpec NONE = new LoadSpec(0, "GET", "/", Map.of());

  public LoadSpec {
    if (!(ratePerSecond >= 0 && ratePerSecond <= MAX_RATE)) {
      throw new IllegalArgumentException(
          "load.rate: " + ratePerSecond + "/s (expected: 0 < rate <= " + (int) MAX_RATE + "/s)");
    }
    if (method == null || method.isBlank()) {
      throw new IllegalArgumentException("load.method: \"" + method + "\" (expected: e.g. GET)");
    }
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException(
          "load.path: \"" + path + "\" (expected: a path starting with /)");
    }
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** Whether this is {@link #NONE}. */
  public boolean isNone() {
    return ratePerSecond == 0;
  }
}
