package io.relevo.example.alojamientos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;

/** {@code GET /api/v1/version}: {@code {"version": "v5"}}. */
final class VersionHandler implements HttpHandler {
  private final String version;

  VersionHandler(String version) {
    this.version = version;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Responses.json(exchange, 200, Map.of("version", version));
  }
}
