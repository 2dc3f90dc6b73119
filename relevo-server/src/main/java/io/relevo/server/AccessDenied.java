package io.relevo.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.relevo.core.RelevoException;
import io.relevo.server.v1.Problem;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * A request refused for its token: 401 without a valid one, 403 for one that lacks the role, 429
 * after too many failed attempts. Answered as RFC 9457 problem details, with {@code
 * WWW-Authenticate} or {@code Retry-After}.
 */
final class AccessDenied extends RelevoException {

  /** Where a person gets a token, for the end of every refusal. */
  static final String HOW_TO_GET_ONE =
      "on the agent's host the CLI uses the state dir's token file; elsewhere ask an admin for one"
          + " (`relevo token create NAME --role ROLE`) and set RELEVO_TOKEN";

  private final int status;
  private final Duration retryAfter;

  private AccessDenied(Kind kind, int status, String message, Duration retryAfter) {
    super(kind, message);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  static AccessDenied unauthorized(String why) {
    return new AccessDenied(
        Kind.UNAUTHORIZED,
        401,
        why + " (expected: Authorization: Bearer <token>; " + HOW_TO_GET_ONE + ")",
        Duration.ZERO);
  }

  static AccessDenied forbidden(String message) {
    return new AccessDenied(Kind.FORBIDDEN, 403, message, Duration.ZERO);
  }

  static AccessDenied rateLimited(Duration wait) {
    long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    return new AccessDenied(
        Kind.UNAUTHORIZED,
        429,
        "too many requests with a wrong token from this address; retry in "
            + seconds
            + "s with a valid token",
        Duration.ofSeconds(seconds));
  }

  int status() {
    return status;
  }

  /** Answers the refusal of {@code what} ({@code METHOD path}). */
  void send(HttpExchange exchange, String what) throws IOException {
    String kind = status == 429 ? "RATE_LIMITED" : kind().name();
    if (status == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"relevo\"");
    }
    if (status == 429) {
      exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter.toSeconds()));
    }
    Exchanges.sendProblem(exchange, Problem.of(kind, status, getMessage(), what));
  }

  /** True for the statuses of a refused token: 401, 403 and 429. */
  static boolean isRefusal(int status) {
    return status == 401 || status == 403 || status == 429;
  }

  /**
   * The exception a client raises for a 401, 403 or 429 answer: UNAUTHORIZED or FORBIDDEN, naming
   * the agent, with the answer's {@code detail} (or {@code message}, as older agents wrote it).
   */
  static RelevoException toClientException(int status, byte[] body, URI agent) {
    String detail;
    try {
      JsonNode json = Json.mapper().readTree(body);
      JsonNode text =
          json == null
              ? null
              : json.hasNonNull("detail") ? json.get("detail") : json.get("message");
      detail = text == null ? "HTTP " + status : text.asText();
    } catch (IOException notJson) {
      detail = "HTTP " + status;
    }
    return switch (status) {
      case 403 -> new RelevoException(Kind.FORBIDDEN, "the agent at " + agent + ": " + detail);
      case 429 -> new RelevoException(Kind.UNAUTHORIZED, "the agent at " + agent + ": " + detail);
      default ->
          new RelevoException(
              Kind.UNAUTHORIZED, "the agent at " + agent + " refused the token: " + detail);
    };
  }
}
