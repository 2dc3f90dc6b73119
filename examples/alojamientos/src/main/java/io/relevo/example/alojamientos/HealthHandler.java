package io.relevo.example.alojamientos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/healthz} in the runbooks' shape:
 *
 * <pre>{"status": "healthy|degraded|unhealthy", "version": "v5", "timestamp": "…",
 *  "checks": {"database": {"status": "healthy", "latency_ms": 0}, "ical_sync": {…}}}</pre>
 *
 * <p>The overall status is the worst of the checks; 200 for healthy and degraded, 503 for
 * unhealthy. A {@code neverReady} behaviour fails the database check; a {@code degraded} one makes
 * the calendar sync stale (35 minutes, past the runbooks' 20-minute warning).
 */
final class HealthHandler implements HttpHandler {
  /** Database round trip above which the check warns, per the runbooks. */
  static final Duration SLOW_DATABASE = Duration.ofMillis(500);

  enum Status {
    HEALTHY,
    DEGRADED,
    UNHEALTHY;

    String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Behaviour behaviour;
  private final Bookings bookings;
  private final Instant startedAt = Instant.now();

  HealthHandler(Behaviour behaviour, Bookings bookings) {
    this.behaviour = behaviour;
    this.bookings = bookings;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Map<String, Object> checks = new LinkedHashMap<>();
    Status worst = Status.HEALTHY;

    long t0 = System.nanoTime();
    int count = bookings.count();
    long latencyMs = (System.nanoTime() - t0) / 1_000_000;
    Status database =
        behaviour.neverReady()
            ? Status.UNHEALTHY
            : latencyMs > SLOW_DATABASE.toMillis() ? Status.DEGRADED : Status.HEALTHY;
    Map<String, Object> db = new LinkedHashMap<>();
    db.put("status", database.json());
    db.put("latency_ms", latencyMs);
    db.put("prereservations", count);
    if (behaviour.neverReady()) {
      db.put(
          "error", "connection refused: version " + behaviour.version() + " never becomes ready");
    }
    checks.put("database", db);
    worst = max(worst, database);

    Status sync = behaviour.degraded() ? Status.DEGRADED : Status.HEALTHY;
    Map<String, Object> ical = new LinkedHashMap<>();
    ical.put("status", sync.json());
    ical.put("age_minutes", behaviour.degraded() ? 35 : 0);
    checks.put("ical_sync", ical);
    worst = max(worst, sync);

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", worst.json());
    body.put("version", behaviour.version());
    body.put("timestamp", Instant.now().toString());
    body.put("uptime_seconds", Duration.between(startedAt, Instant.now()).toSeconds());
    body.put("checks", checks);
    Responses.json(exchange, worst == Status.UNHEALTHY ? 503 : 200, body);
  }

  private static Status max(Status a, Status b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
