package io.relevo.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.relevo.core.analysis.AnalysisRun;
import io.relevo.core.analysis.AnalysisState;
import io.relevo.core.analysis.AnalysisTemplate;
import io.relevo.core.analysis.Measurement;
import io.relevo.core.analysis.MetricEvidence;
import io.relevo.core.analysis.Verdict;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.engine.AppStatus;
import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.runtime.FreePort;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.PrometheusProcess;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PromQL analysis rules against a real Prometheus that scrapes a real {@code /metrics} endpoint
 * (relevo's own collectors over counters this test sets): canary 5xx 7, stable none; weights 10 and
 * 90.
 */
class PromQlAnalysisIT {

  private static HttpServer endpoint;
  private static PrometheusProcess prometheus;
  private static final PrometheusQueries QUERIES = new PrometheusQueries();

  @BeforeAll
  static void startPrometheusScrapingAMetricsEndpoint() throws Exception {
    PrometheusProcess.require("prometheus");
    FakeRouter router = new FakeRouter();
    router.route(
        "shop",
        new TrafficSplit(
            List.of(
                new TrafficSplit.Backend(41, new Endpoint("127.0.0.1", 9001), 90),
                new TrafficSplit.Backend(42, new Endpoint("127.0.0.1", 9002), 10))));
    AgentMetrics metrics =
        AgentMetrics.create(
            () ->
                List.of(
                    new AppStatus(
                        "shop", "prod", "", null, List.of(), router.current("shop"), null, null)),
            router,
            (app, revision) ->
                new RevisionStats(
                    100,
                    revision == 42 ? 93 : 100,
                    0,
                    0,
                    revision == 42 ? 7 : 0,
                    0,
                    0,
                    LatencySnapshot.empty(),
                    LatencyHistogram.empty()),
            BackupAge.none());
    endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    endpoint.createContext(
        "/metrics",
        exchange -> {
          Scrape scrape = metrics.scrape(exchange.getRequestHeaders().getFirst("Accept"));
          exchange.getResponseHeaders().set("Content-Type", scrape.contentType());
          exchange.sendResponseHeaders(200, scrape.body().length);
          exchange.getResponseBody().write(scrape.body());
          exchange.close();
        });
    endpoint.start();
    Path dir = Files.createTempDirectory("relevo-prom");
    prometheus =
        PrometheusProcess.start(
            dir,
            """
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            scrape_configs:
              - job_name: relevo
                static_configs: [{targets: ['127.0.0.1:%d']}]
            """
                .formatted(endpoint.getAddress().getPort()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                QUERIES
                    .instant(
                        prometheus.url(),
                        "count(relevo_http_requests_total)",
                        Instant.now(),
                        Duration.ofSeconds(2))
                    .isPresent());
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (endpoint != null) {
      endpoint.stop(0);
    }
  }

  @Test
  void anInstantQueryFillsThePlaceholdersForEachSideAndSurvivesAPlusSign() {
    Measurement m =
        measureOnce(
            "{name: errors, prometheus: {address: '%s', query: 'sum(relevo_http_requests_total{app=\"{{app}}\",revision=\"{{canary}}\",code=\"5xx\"}) + 1'}, fail_if: 'canary - stable > 5'}"
                .formatted(prometheus.url()));

    MetricEvidence errors = m.metrics().getFirst();
    assertThat(errors.canary()).isEqualTo(8.0);
    assertThat(errors.stable()).isEqualTo(1.0);
    assertThat(errors.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(errors.describe())
        .isEqualTo("errors: canary 8.00 vs stable 1.00 (fail if canary - stable > 5)");
  }

  @Test
  void aRangeQueryIsTheMeanOfItsSamples() {
    Measurement m =
        measureOnce(
            "{name: weight, prometheus: {address: '%s', query: 'sum(relevo_revision_weight_percent{app=\"{{app}}\",revision=\"{{canary}}\"})', range: 5s, step: 1s}, fail_if: 'canary > 50'}"
                .formatted(prometheus.url()));

    MetricEvidence weight = m.metrics().getFirst();
    assertThat(weight.canary()).isEqualTo(10.0);
    assertThat(weight.stable()).isEqualTo(90.0);
    assertThat(weight.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void anEmptyResultIsInconclusiveNeverAPass() {
    Measurement m =
        measureOnce(
            "{name: ghost, prometheus: {address: '%s', query: 'sum(no_such_metric{app=\"{{app}}\"})'}, fail_if: 'canary > 0.05'}"
                .formatted(prometheus.url()));

    assertThat(m.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(m.metrics().getFirst().detail()).isEqualTo("the query returned no data");
  }

  @Test
  void anUnreachablePrometheusIsAnErrorThatEndsTheRunAtTheErrorLimit() throws Exception {
    URI closed = URI.create("http://127.0.0.1:" + FreePort.pick());
    AnalysisRun run =
        run(
            "{name: errors, prometheus: {address: '%s', query: 'vector(0)', timeout: 2s}, fail_if: 'canary > 0.05'}"
                .formatted(closed),
            1);

    Measurement first = run.measure();
    run.measure();

    assertThat(first.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(first.metrics().getFirst().detail()).contains("cannot connect");
    assertThat(run.state()).isEqualTo(AnalysisState.ERROR);
  }

  @Test
  void aQueryReturningManySeriesIsAnErrorThatSaysHowToAggregate() {
    Measurement m =
        measureOnce(
            "{name: all, prometheus: {address: '%s', query: 'relevo_http_requests_total{app=\"{{app}}\"}'}, fail_if: 'canary > 0'}"
                .formatted(prometheus.url()));

    assertThat(m.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(m.metrics().getFirst().detail()).contains("aggregate it");
  }

  private static Measurement measureOnce(String rule) {
    return run(rule, 3).measure();
  }

  private static AnalysisRun run(String rule, int errorLimit) {
    String yaml =
        """
        app: shop
        runtime:
          command: [run]
        analysis:
          prom: {interval: 1s, count: 3, consecutive_error_limit: %d, metrics: [%s]}
        """
            .formatted(errorLimit, rule);
    AnalysisTemplate template =
        ConfigLoader.parse("relevo.yml", yaml, Map.of()).analysis().get("prom");
    return AnalysisRun.start(
            template,
            (app, revision) -> RevisionStats.empty(),
            "shop",
            42,
            41,
            InstantSource.system())
        .queryingWith(QUERIES);
  }
}
