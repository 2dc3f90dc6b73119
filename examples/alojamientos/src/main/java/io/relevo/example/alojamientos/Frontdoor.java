package io.relevo.example.alojamientos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * What every request goes through: the {@code X-App-Version} header, metrics, the staged faults of
 * {@link Behaviour}, and the mapping of errors to statuses.
 *
 * <p>Faults hit {@code /api/v1/*} except healthz, so a bad release still becomes ready and its
 * badness shows in the traffic analysis, as a real bad release would.
 */
final class Frontdoor implements HttpHandler {
  static final String VERSION_HEADER = "X-App-Version";

  private final Behaviour behaviour;
  private final Router router;
  private final Metrics metrics;
  private final DoubleSupplier random;

  /**
   * @param random uniform in [0, 1), drawn once per faultable request when the error ratio > 0
   */
  Frontdoor(Behaviour behaviour, Router router, Metrics metrics, DoubleSupplier random) {
    this.behaviour = behaviour;
    this.router = router;
    this.metrics = metrics;
    this.random = random;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    metrics.started();
    String route = router.route(exchange.getRequestURI().getPath());
    exchange.getResponseHeaders().set(VERSION_HEADER, behaviour.version());
    try {
      if (faultable(route) && injectFaults(exchange)) {
        return;
      }
      router.dispatch(exchange, route);
    } catch (BadRequest e) {
      answerIfOpen(exchange, 400, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answerIfOpen(exchange, 503, "shutting down");
    } catch (RuntimeException | IOException e) {
      answerIfOpen(exchange, 500, "internal error: " + e);
    } finally {
      int status = exchange.getResponseCode();
      metrics.finished(
          exchange.getRequestMethod(), route, status < 0 ? 500 : status, System.nanoTime() - start);
      exchange.close();
    }
  }

  private static boolean faultable(String route) {
    return route.startsWith("/api/v1/") && !route.equals("/api/v1/healthz");
  }

  /** Sleeps the extra latency, then answers 500 for the error share; true when it answered. */
  private boolean injectFaults(HttpExchange exchange) throws IOException, InterruptedException {
    if (behaviour.latencyMs() > 0) {
      Thread.sleep(behaviour.latencyMs());
    }
    if (behaviour.errorRatio() > 0 && random.getAsDouble() < behaviour.errorRatio()) {
      Responses.error(
          exchange,
          500,
          String.format(
              Locale.ROOT,
              "injected failure: version %s fails %.0f%% of requests",
              behaviour.version(),
              behaviour.errorRatio() * 100));
      return true;
    }
    return false;
  }

  private static void answerIfOpen(HttpExchange exchange, int status, String message)
      throws IOException {
    if (exchange.getResponseCode() < 0) {
      Responses.error(exchange, status, message);
    }
  }
}
