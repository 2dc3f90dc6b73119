package io.relevo.server;

import io.relevo.observe.Scrape;
import java.nio.charset.StandardCharsets;

/**
 * What {@code GET /metrics} answers: the agent's metrics in the format the {@code Accept} header
 * asks for. Served without the bearer token, as Prometheus scrapes do, on the API's loopback
 * address only.
 */
@FunctionalInterface
interface MetricsEndpoint {

  Scrape scrape(String accept);

  /** No metrics wired (test agents): an empty page. */
  static MetricsEndpoint none() {
    return accept ->
        new Scrape("text/plain; version=0.0.4; charset=utf-8", "".getBytes(StandardCharsets.UTF_8));
  }
}
