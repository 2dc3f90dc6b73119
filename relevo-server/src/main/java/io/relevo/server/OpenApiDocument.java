package io.relevo.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json} and {@code …/openapi.yaml}: the API's OpenAPI 3.1 document,
 * checked in as {@code openapi/relevo-v1.yaml} and served without a token, like {@code /metrics}.
 */
final class OpenApiDocument {

  /** Where the document lives on the class path. */
  static final String RESOURCE = "/openapi/relevo-v1.yaml";

  static final String JSON_PATH = "/api/v1/openapi.json";
  static final String YAML_PATH = "/api/v1/openapi.yaml";

  private OpenApiDocument() {}

  /**
   * The document, read and converted on its first request, not when the first request of any kind
   * asks {@link #serves}: converting it to JSON costs ~130 ms of a cold JVM, which a restarted
   * agent's first status answer waited for (docs/STARTUP.md, sixth round).
   */
  private static final class Texts {
    static final byte[] YAML = load();
    static final byte[] JSON = toJson(YAML);
  }

  static boolean serves(String path) {
    return path.equals(JSON_PATH) || path.equals(YAML_PATH);
  }

  static void serve(HttpExchange exchange, String method, String path) throws IOException {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      Exchanges.sendError(
          exchange, HttpProblem.methodNotAllowed(method, path, "GET or HEAD"), method + " " + path);
      return;
    }
    boolean json = path.equals(JSON_PATH);
    byte[] body = json ? Texts.JSON : Texts.YAML;
    exchange
        .getResponseHeaders()
        .set("Content-Type", json ? "application/json" : "application/yaml");
    if (method.equals("HEAD")) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The document's YAML text. */
  static byte[] yaml() {
    return Texts.YAML.clone();
  }

  private static byte[] load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] toJson(byte[] yaml) {
    try {
      return Json.mapper().writeValueAsBytes(new ObjectMapper(new YAMLFactory()).readTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
