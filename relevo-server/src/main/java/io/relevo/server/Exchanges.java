package io.relevo.server;

import com.sun.net.httpserver.HttpExchange;
import io.relevo.core.RelevoException;
import io.relevo.server.v1.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading requests and writing answers of the JDK's HTTP server, the same way everywhere. */
final class Exchanges {

  /** Request bodies larger than this are refused with 413; a config file is a few kilobytes. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  /** What a refused client may still send after its 413 before the connection is closed. */
  static final long DISCARD_BYTES = 16L * MAX_BODY_BYTES;

  private Exchanges() {}

  /**
   * Reads the request body, up to one byte more than {@link #MAX_BODY_BYTES}, before anything is
   * answered: the JDK's server resets a connection closed with more than 64 KiB of its request
   * unread, which can destroy the answer before the client reads it.
   */
  static byte[] readBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && declared.strip().matches("[0-9]{1,18}")) {
      long length = Long.parseLong(declared.strip());
      if (length > MAX_BODY_BYTES) {
        // refused unread: the answer goes out with Connection: close
        throw HttpProblem.tooLarge(length, MAX_BODY_BYTES);
      }
    }
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw HttpProblem.tooLarge(-1, MAX_BODY_BYTES);
    }
    return bytes;
  }

  /**
   * Answers a body over the limit with 413 at once, then discards what the client still sends (up
   * to {@link #DISCARD_BYTES}) before closing: a client that waits for the answer gets it without
   * sending its body, and one that sends anyway is not reset before it can read the answer.
   */
  static void refuseTooLarge(HttpExchange exchange, HttpProblem problem, String what)
      throws IOException {
    problem.headers().forEach(exchange.getResponseHeaders()::set);
    exchange.getResponseHeaders().set("Content-Type", Problem.MEDIA_TYPE);
    if (exchange.getRequestMethod().equals("HEAD")) {
      // the server ends an answer to HEAD as soon as its headers are out: discard first
      discardBody(exchange);
      exchange.sendResponseHeaders(problem.status(), -1);
      return;
    }
    byte[] bytes = Json.mapper().writeValueAsBytes(ApiErrors.problem(problem, what));
    exchange.sendResponseHeaders(problem.status(), bytes.length);
    OutputStream out = exchange.getResponseBody();
    out.write(bytes);
    out.flush();
    discardBody(exchange);
    out.close();
  }

  private static void discardBody(HttpExchange exchange) {
    try (InputStream in = exchange.getRequestBody()) {
      long left = DISCARD_BYTES;
      byte[] sink = new byte[16 * 1024];
      int n;
      while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
        left -= n;
      }
    } catch (IOException clientGone) {
      // the client read its answer and left
    }
  }

  static <T> T readJson(byte[] bytes, Class<T> type) {
    return RequestBodies.read(bytes, type);
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

  /** Answers {@code error} as problem details; {@code what} is the request, {@code METHOD path}. */
  static void sendError(HttpExchange exchange, Throwable error, String what) throws IOException {
    if (error instanceof HttpProblem problem) {
      problem.headers().forEach(exchange.getResponseHeaders()::set);
    }
    sendProblem(exchange, ApiErrors.problem(error, what));
  }

  static void sendProblem(HttpExchange exchange, Problem problem) throws IOException {
    byte[] bytes = Json.mapper().writeValueAsBytes(problem);
    exchange.getResponseHeaders().set("Content-Type", Problem.MEDIA_TYPE);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(problem.status(), -1); // a HEAD answer has no body
      return;
    }
    exchange.sendResponseHeaders(problem.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
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
