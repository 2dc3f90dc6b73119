package io.relevo.server.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * An error answer of the API, as RFC 9457 problem details ({@code application/problem+json}).
 *
 * @param type {@code https://relevo.dev/problems/<kind-lowercase-dashed>}, e.g. {@code …/bad-input}
 * @param title the kind for people, the same for every problem of a type
 * @param status the HTTP status
 * @param detail what went wrong and how to fix it: the exact message the CLI prints
 * @param instance the request it answers, {@code METHOD path}
 * @param kind a {@code RelevoException.Kind} name, or {@code BUG} or {@code UNAUTHORIZED}; the CLI
 *     raises the same kind again and exits with its code
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, String instance, String kind) {

  /** The media type of a problem answer. */
  public static final String MEDIA_TYPE = "application/problem+json";

  private static final String TYPE_BASE = "https://relevo.dev/problems/";

  public static Problem of(String kind, int status, String detail, String instance) {
    return new Problem(type(kind), title(kind), status, detail, instance, kind);
  }

  /** {@code https://relevo.dev/problems/bad-input} for {@code BAD_INPUT}. */
  public static String type(String kind) {
    return TYPE_BASE + kind.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String title(String kind) {
    return switch (kind) {
      case "BAD_INPUT" -> "Bad input";
      case "NOT_FOUND" -> "Not found";
      case "CONFLICT" -> "Conflict";
      case "FAILED" -> "Failed";
      case "UNAVAILABLE" -> "Unavailable";
      case "UNAUTHORIZED" -> "Unauthorized";
      case "FORBIDDEN" -> "Forbidden";
      case "RATE_LIMITED" -> "Too many failed attempts";
      case "BUG" -> "Internal error";
      default -> kind;
    };
  }
}
