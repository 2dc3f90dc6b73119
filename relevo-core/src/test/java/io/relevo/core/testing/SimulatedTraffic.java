package io.relevo.core.testing;

import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.metrics.RevisionStats;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Traffic that flows as the manual clock moves: {@code requestsPerSecond} split by the fake
 * router's weights. A version containing {@code err20} answers 20% of its requests with 5xx; {@code
 * slow} takes 600 ms instead of 20 ms. Deterministic: counts are expected values.
 */
public final class SimulatedTraffic implements MetricsSource {

  private final ManualClock clock;
  private final FakeRouter router;
  private final FakeRuntime runtime;
  private final double requestsPerSecond;
  private final Map<Integer, double[]> totals = new HashMap<>(); // requests, errors
  private Instant last;
  private String badAfterPromotion;

  public SimulatedTraffic(
      ManualClock clock, FakeRouter router, FakeRuntime runtime, double requestsPerSecond) {
    this.clock = clock;
    this.router = router;
    this.runtime = runtime;
    this.requestsPerSecond = requestsPerSecond;
    this.last = clock.instant();
  }

  /** From now on, this version fails half of its requests (a release that turns bad later). */
  public synchronized void turnBad(String version) {
    advance("shop");
    badAfterPromotion = version;
  }

  @Override
  public synchronized RevisionStats snapshot(String app, int revision) {
    advance(app);
    double[] t = totals.getOrDefault(revision, new double[2]);
    long requests = (long) t[0];
    long errors = (long) t[1];
    boolean slow = versionOf(revision).contains("slow");
    long micros = slow ? 600_000 : 20_000;
    LatencyHistogram histogram =
        LatencyHistogram.standard(
            requests - errors, bound -> bound >= micros ? requests - errors : 0);
    return new RevisionStats(
        requests,
        requests - errors,
        0,
        0,
        errors,
        0,
        0,
        new LatencySnapshot(requests - errors, micros, micros, micros, micros),
        histogram);
  }

  private void advance(String app) {
    Instant now = clock.instant();
    double seconds = Duration.between(last, now).toNanos() / 1e9;
    last = now;
    for (var backend : router.current(app).backends()) {
      double requests = seconds * requestsPerSecond * backend.weight() / 100.0;
      String version = runtime.byEndpoint(backend.endpoint()).map(i -> i.version).orElse("");
      double errorShare =
          version.equals(badAfterPromotion) ? 0.5 : version.contains("err20") ? 0.2 : 0.0;
      double[] t = totals.computeIfAbsent(backend.revision(), r -> new double[2]);
      t[0] += requests;
      t[1] += requests * errorShare;
    }
  }

  private String versionOf(int revision) {
    return router.history.stream()
        .flatMap(s -> s.backends().stream())
        .filter(b -> b.revision() == revision)
        .findFirst()
        .flatMap(b -> runtime.byEndpoint(b.endpoint()))
        .map(i -> i.version)
        .orElse("");
  }
}
