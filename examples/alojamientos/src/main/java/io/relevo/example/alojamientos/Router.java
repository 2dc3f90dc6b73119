package io.relevo.example.alojamientos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Exact-path routes, each with its handlers by method; 404 and 405 for the rest. */
final class Router {

  /** The route label of paths that match no route; keeps metric series bounded. */
  static final String OTHER = "other";

  private final Map<String, Map<String, HttpHandler>> routes = new LinkedHashMap<>();

  Router add(String method, String path, HttpHandler handler) {
    routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
    return this;
  }

  /** The route {@code path} belongs to, or {@link #OTHER}. A trailing slash is ignored. */
  String route(String path) {
    String p =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return routes.containsKey(p) ? p : OTHER;
  }

  void dispatch(HttpExchange exchange, String route) throws IOException {
    Map<String, HttpHandler> byMethod = routes.get(route);
    if (byMethod == null) {
      Responses.error(
          exchange,
          404,
          "no route for "
              + exchange.getRequestURI().getPath()
              + " (expected one of: "
              + String.join(", ", routes.keySet())
              + ")");
      return;
    }
    HttpHandler handler = byMethod.get(exchange.getRequestMethod());
    if (handler == null) {
      exchange.getResponseHeaders().set("Allow", String.join(", ", byMethod.keySet()));
      Responses.error(
          exchange,
          405,
          "method "
              + exchange.getRequestMethod()
              + " on "
              + route
              + " (expected one of: "
              + String.join(", ", byMethod.keySet())
              + ")");
      return;
    }
    handler.handle(exchange);
  }
}
