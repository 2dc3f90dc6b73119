package io.relevo.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.RelevoException;
import io.relevo.server.v1.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns exceptions into API answers. A {@link RelevoException} keeps its message
 * and gets the status of its kind; anything else is a bug of the agent: logged with its stack trace
 * and answered 500 without internals.
 */
public final class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  /** The kind name of an answer that came from a bug, not from a {@link RelevoException}. */
  public static final String BUG = "BUG";

  private ApiErrors() {}

  /**
   * The HTTP status of a kind: BAD_INPUT 400, NOT_FOUND 404, CONFLICT 409, FAILED 422, UNAVAILABLE
   * 503, UNAUTHORIZED 401, FORBIDDEN 403.
   */
  public static int status(RelevoException.Kind kind) {
    return switch (kind) {
      case BAD_INPUT -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case FAILED -> 422;
      case UNAVAILABLE -> 503;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
    };
  }

  /** The status for any exception: its own for an {@link HttpProblem}, the kind's, or 500. */
  public static int status(Throwable error) {
    return switch (error) {
      case HttpProblem p -> p.status();
      case RelevoException e -> status(e.kind());
      default -> 500;
    };
  }

  /**
   * The problem details for an exception thrown while serving {@code instance} ({@code METHOD
   * path}); logs bugs with their stack trace.
   */
  public static Problem problem(Throwable error, String instance) {
    ApiError body = body(error, instance);
    return Problem.of(body.kind(), status(error), body.message(), instance);
  }

  /**
   * The body for an exception thrown while serving {@code what}; logs bugs with their stack trace.
   */
  public static ApiError body(Throwable error, String what) {
    if (error instanceof RelevoException e) {
      return new ApiError(e.kind().name(), e.getMessage());
    }
    log.error("bug while serving {}", what, error);
    return new ApiError(
        BUG,
        "the agent failed unexpectedly serving "
            + what
            + " (this is a bug; see the agent's log): "
            + error);
  }

  /**
   * The exception a client raises for an error answer: the same kind again; FAILED for a bug of the
   * agent (its message says so) or a kind this client does not know.
   */
  public static RelevoException toException(ApiError error, int status) {
    if (error.kind() == null || error.message() == null) {
      return new RelevoException(
          RelevoException.Kind.FAILED,
          "agent answered " + status + (error.message() == null ? "" : ": " + error.message()));
    }
    RelevoException.Kind kind;
    try {
      kind = RelevoException.Kind.valueOf(error.kind());
    } catch (RuntimeException e) {
      return new RelevoException(
          RelevoException.Kind.FAILED, "agent answered " + status + ": " + error.message());
    }
    return new RelevoException(kind, error.message());
  }

  /**
   * The kind and message of an error answer: problem details ({@code detail}), or the older {@code
   * {"kind","message"}} shape of agents before them, or the text of anything else.
   */
  public static ApiError fromAnswer(byte[] bytes) {
    try {
      JsonNode node = Json.mapper().readTree(bytes);
      if (node != null && node.isObject()) {
        String detail = node.path("detail").asText(node.path("message").asText(null));
        return new ApiError(node.path("kind").asText(""), detail);
      }
    } catch (IOException notJson) {
      // shown as text below
    }
    return new ApiError("", new String(bytes, StandardCharsets.UTF_8));
  }
}
