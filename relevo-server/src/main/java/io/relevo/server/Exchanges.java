package io.relevo.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import io.relevo.core.RelevoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading requests and writing answers of the JDK's HTTP server, the same way everywhere. */
final class Exchanges {

  /** Request bodies larger than this are refused; a config file is a few kilobytes. */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private Exchanges() {}

  /**
   * Reads the request body, up to one byte more than {@link #MAX_BODY_BYTES}, before anything is
   * answered: the JDK's server resets a connection closed with more than 64 KiB of its request
   * unread, which can destroy the answer before the client reads it.
   */
  static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readNBytes(MAX_BODY_BYTES + 1);
    }
  }

  static <T> T readJson(byte[] bytes, Class<T> type) {
    if (bytes.length > MAX_BODY_BYTES) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "request body: more than " + MAX_BODY_BYTES + " bytes (expected: a small JSON object)");
    }
    if (bytes.length == 0) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "request body: empty (expected: a JSON " + type.getSimpleName() + ")");
    }
    T value;
    try {
      value = Json.mapper().readValue(bytes, type);
    } catch (JsonProcessingException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "request body: "
              + e.getOriginalMessage()
              + " (expected: a JSON "
              + type.getSimpleName()
              + ")");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // reading a byte array does no I/O
    }
    if (value == null) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "request body: null (expected: a JSON " + type.getSimpleName() + " object)");
    }
    return value;
  }

  static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = Json.mapper().writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void sendNoContent(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }

  static void sendError(HttpExchange exchange, Throwable error, String what) throws IOException {
    sendJson(exchange, ApiErrors.status(error), ApiErrors.body(error, what));
  }

  /** The decoded query parameters; the last value wins for a repeated name. */
  static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(decode(name), decode(value));
    }
    return params;
  }

  static int intParam(Map<String, String> query, String name, int fallback, int min, int max) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the range
    }
    throw new RelevoException(
        RelevoException.Kind.BAD_INPUT,
        name + ": \"" + value + "\" (expected: a whole number " + min + ".." + max + ")");
  }

  static boolean boolParam(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isEmpty() || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw new RelevoException(
        RelevoException.Kind.BAD_INPUT, name + ": \"" + value + "\" (expected: true or false)");
  }

  static String decode(String raw) {
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }
}
