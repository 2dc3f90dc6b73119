package io.relevo.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Optional;

/**
 * The top-level {@code "status"} field of a JSON health body, as written by Spring Boot Actuator
 * ({@code UP}/{@code DOWN}), most health libraries ({@code healthy}/{@code unhealthy}) and the
 * runbooks' FastAPI service ({@code ok}/{@code degraded}).
 */
enum HealthStatus {
  PASS,
  FAIL,
  DEGRADED,
  /** A value this reader does not know: the HTTP status alone decides. */
  OTHER;

  private static final ObjectMapper JSON = new ObjectMapper();

  static HealthStatus of(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "healthy", "ok", "up", "pass" -> PASS;
      case "unhealthy", "down", "fail" -> FAIL;
      case "degraded", "warn" -> DEGRADED;
      default -> OTHER;
    };
  }

  /** The {@code status} value of {@code body}, when it is a JSON object with a string status. */
  static Optional<String> read(String body) {
    if (body == null || !body.stripLeading().startsWith("{")) {
      return Optional.empty();
    }
    try {
      JsonNode status = JSON.readTree(body).get("status");
      return status != null && status.isTextual() ? Optional.of(status.asText()) : Optional.empty();
    } catch (Exception e) {
      // Not JSON after all: the HTTP status alone decides.
      return Optional.empty();
    }
  }
}
