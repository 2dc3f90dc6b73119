package io.relevo.server;

import com.sun.net.httpserver.HttpExchange;
import io.relevo.core.RelevoException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Serves the web dashboard: {@code GET /} redirects to {@code /ui/}, {@code /ui/**} answers static
 * files from the classpath ({@code dashboard/} for the pages, the uPlot webjar for {@code
 * /ui/vendor/uplot/}). The files need no token, since they hold no data; every API call the page
 * makes sends one. Paths are matched against a strict pattern before any lookup, so {@code ..},
 * hidden files and anything outside those two roots answer 404.
 */
final class DashboardPages {

  /** The dashboard's own files, under {@code src/main/resources/dashboard}. */
  static final String PAGES = "dashboard/";

  /** uPlot's files in its webjar (org.webjars.npm:uplot). */
  static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

  /** Segments of letters, digits, {@code _} and {@code -}, none starting with a dot. */
  private static final Pattern SAFE =
      Pattern.compile("^(?:[A-Za-z0-9][A-Za-z0-9_-]*/)*[A-Za-z0-9][A-Za-z0-9._-]*$");

  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  private static final ConcurrentMap<String, Optional<StaticAsset>> CACHE =
      new ConcurrentHashMap<>();

  private DashboardPages() {}

  /**
   * Answers {@code exchange} when its path belongs to the dashboard ({@code /}, {@code /ui} and
   * below) and returns true; returns false, having sent nothing, for any other path.
   */
  static boolean serve(HttpExchange exchange, String method, String path) throws IOException {
    if (!path.equals("/") && !path.equals("/ui") && !path.startsWith("/ui/")) {
      return false;
    }
    securityHeaders(exchange);
    String what = method + " " + path;
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      fail(exchange, RelevoException.Kind.BAD_INPUT, what + ": method not allowed (expected: GET)");
      return true;
    }
    if (path.equals("/") || path.equals("/ui")) {
      exchange.getResponseHeaders().set("Location", "/ui/");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(302, -1);
      return true;
    }
    Optional<StaticAsset> asset = find(path.substring("/ui/".length()));
    if (asset.isEmpty()) {
      fail(
          exchange,
          RelevoException.Kind.NOT_FOUND,
          "no dashboard file at " + what + " (expected: a page under /ui/)");
      return true;
    }
    send(exchange, method, asset.get());
    return true;
  }

  private static Optional<StaticAsset> find(String file) {
    String name = file.isEmpty() ? "index.html" : file;
    if (!SAFE.matcher(name).matches()) {
      return Optional.empty();
    }
    return CACHE.computeIfAbsent(name, DashboardPages::load);
  }

  private static Optional<StaticAsset> load(String name) {
    if (name.startsWith("vendor/uplot/")) {
      return StaticAsset.load(UPLOT + name.substring("vendor/uplot/".length()), true);
    }
    if (name.startsWith("vendor/")) {
      return Optional.empty();
    }
    return StaticAsset.load(PAGES + name, false);
  }

  private static void send(HttpExchange exchange, String method, StaticAsset asset)
      throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", asset.contentType());
    headers.set("ETag", asset.etag());
    // The webjar's files never change under a versioned path; the dashboard's own files change
    // with the agent, so the browser asks again each time and gets a 304 while they are the same.
    headers.set(
        "Cache-Control", asset.immutable() ? "public, max-age=31536000, immutable" : "no-cache");
    if (asset.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    if (method.equals("HEAD")) {
      headers.set("Content-Length", Integer.toString(asset.bytes().length));
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, asset.bytes().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(asset.bytes());
    }
  }

  private static void securityHeaders(HttpExchange exchange) {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Security-Policy", CSP);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
  }

  /** Errors in the API's own shape, so a client reads every answer of this port alike. */
  private static void fail(HttpExchange exchange, RelevoException.Kind kind, String message)
      throws IOException {
    Exchanges.sendError(
        exchange,
        new RelevoException(kind, message),
        exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
  }
}
