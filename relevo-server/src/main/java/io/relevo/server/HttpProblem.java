package io.relevo.server;

import io.relevo.core.RelevoException;
import java.util.Map;

/**
 * A request the API refuses with a status of its own rather than its kind's: 405 with the methods
 * it allows, 413 for a body too large. The client sees the kind, like any {@link RelevoException}.
 */
final class HttpProblem extends RelevoException {

  private final int status;
  private final Map<String, String> headers;

  HttpProblem(Kind kind, int status, String message, Map<String, String> headers) {
    super(kind, message);
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  /** 405: {@code method} is not one of {@code allowed} at {@code path}. */
  static HttpProblem methodNotAllowed(String method, String path, String allowed) {
    return new HttpProblem(
        Kind.BAD_INPUT,
        405,
        method + " " + path + ": method not allowed (expected: " + allowed + ")",
        Map.of("Allow", allowed.replace(" or ", ", ")));
  }

  /** 413: a body over {@code limit} bytes. */
  static HttpProblem tooLarge(long size, int limit) {
    return new HttpProblem(
        Kind.BAD_INPUT,
        413,
        "request body: "
            + (size < 0 ? "more than " + limit : size)
            + " bytes (expected: at most "
            + limit
            + " bytes, a small JSON object)",
        Map.of("Connection", "close"));
  }

  int status() {
    return status;
  }

  Map<String, String> headers() {
    return headers;
  }
}
