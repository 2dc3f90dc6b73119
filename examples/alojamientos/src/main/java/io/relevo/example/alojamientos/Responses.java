package io.relevo.example.alojamientos;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writing and reading exchange bodies. */
final class Responses {
  /** Largest request body read, in bytes; the app's bodies are a few hundred. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private Responses() {}

  static void json(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json", Json.write(body));
  }

  /** A JSON error body: {@code {"error": message}}. */
  static void error(HttpExchange exchange, int status, String message) throws IOException {
    json(exchange, status, Map.of("error", message));
  }

  static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /**
   * The request body as UTF-8 text. @throws BadRequest when it is longer than {@link
   * #MAX_BODY_BYTES}
   */
  static String body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new BadRequest(
            "body: more than " + MAX_BODY_BYTES + " bytes (expected: a small JSON object)");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
