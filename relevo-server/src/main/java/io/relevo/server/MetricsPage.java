package io.relevo.server;

import com.sun.net.httpserver.HttpExchange;
import io.relevo.observe.Scrape;
import java.io.IOException;
import java.io.OutputStream;

/** Answers {@code GET /metrics} (and HEAD) with the format the scraper's Accept header asks for. */
final class MetricsPage {

  private MetricsPage() {}

  static void serve(HttpExchange exchange, String method, MetricsEndpoint metrics)
      throws IOException {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      Exchanges.sendError(
          exchange,
          HttpProblem.methodNotAllowed(method, "/metrics", "GET or HEAD"),
          method + " /metrics");
      return;
    }
    Scrape scrape = metrics.scrape(exchange.getRequestHeaders().getFirst("Accept"));
    exchange.getResponseHeaders().set("Content-Type", scrape.contentType());
    if (method.equals("HEAD")) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, scrape.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(scrape.body());
    }
  }
}
