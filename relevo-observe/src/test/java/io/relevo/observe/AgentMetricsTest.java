package io.relevo.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.analysis.Condition;
import io.relevo.core.analysis.Measurement;
import io.relevo.core.analysis.Metric;
import io.relevo.core.analysis.MetricEvidence;
import io.relevo.core.analysis.Verdict;
import io.relevo.core.config.NotifyEvent;
import io.relevo.core.engine.AppStatus;
import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.notify.RolloutNotice;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.testing.FakeRouter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

  private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");

  private final FakeRouter router = new FakeRouter();
  private final AppsView apps =
      () ->
          List.of(
              new AppStatus(
                  "shop",
                  "prod",
                  "127.0.0.1:8080",
                  revision(41, "1.2.2"),
                  List.of(revision(42, "1.2.3"), revision(41, "1.2.2")),
                  router.current("shop"),
                  null,
                  null));

  private final AgentMetrics metrics =
      AgentMetrics.create(
          apps,
          router,
          (app, revision) -> revision == 42 ? canaryStats() : stableStats(),
          () -> Optional.of(Duration.ofMinutes(90)));

  @Test
  void perRevisionCountersWeightsAndBucketsAreReadFromThePortsAtScrapeTime() {
    router.route("shop", canarySplit());

    String text = text(metrics.scrape("text/plain"));

    assertThat(text)
        .contains(
            "relevo_http_requests_total{app=\"shop\",code=\"5xx\",env=\"prod\",revision=\"42\","
                + "role=\"canary\",version=\"1.2.3\"} 7.0")
        .contains(
            "relevo_http_requests_total{app=\"shop\",code=\"2xx\",env=\"prod\",revision=\"41\","
                + "role=\"stable\",version=\"1.2.2\"} 1000.0")
        .contains(
            "relevo_revision_weight_percent{app=\"shop\",env=\"prod\",revision=\"42\","
                + "role=\"canary\",version=\"1.2.3\"} 10.0")
        .contains(
            "relevo_http_request_duration_seconds_bucket{app=\"shop\",env=\"prod\","
                + "revision=\"41\",role=\"stable\",version=\"1.2.2\",le=\"+Inf\"} 1000")
        .contains("relevo_backup_age_seconds 5400.0")
        .contains("jvm_memory_used_bytes")
        .contains("process_cpu_seconds_total");
  }

  @Test
  void aRevisionThatLeftTheSplitHasNoSeriesLeft() {
    router.route("shop", canarySplit());
    assertThat(text(metrics.scrape(null))).contains("revision=\"42\"");

    router.route("shop", TrafficSplit.all(41, new Endpoint("127.0.0.1", 9001)));

    assertThat(text(metrics.scrape(null))).doesNotContain("revision=\"42\"");
  }

  @Test
  void latencyBucketsAreCumulativeOnTheWayOut() {
    router.route("shop", TrafficSplit.all(41, new Endpoint("127.0.0.1", 9001)));

    String text = text(metrics.scrape(null));

    // 600 samples at 1 ms, 400 at 200 ms: the 1.6 ms bucket holds 600, the 204.8 ms one all 1000
    assertThat(text)
        .contains("revision=\"41\",role=\"stable\",version=\"1.2.2\",le=\"0.0016\"} 600\n")
        .contains("revision=\"41\",role=\"stable\",version=\"1.2.2\",le=\"0.1024\"} 600\n")
        .contains("revision=\"41\",role=\"stable\",version=\"1.2.2\",le=\"0.2048\"} 1000\n");
  }

  @Test
  void deploymentsCompletionsAndRollbacksAreCountedFromNotices() {
    RolloutRecord running = rollout(RolloutRecord.Outcome.RUNNING, null, "");
    metrics.notifier().notify(notice(NotifyEvent.STARTED, running));
    RolloutRecord back =
        rollout(
            RolloutRecord.Outcome.ROLLED_BACK,
            T0.plusSeconds(75),
            "canary step 2 failed: analysis errors failed");
    metrics.notifier().notify(notice(NotifyEvent.ROLLED_BACK, back));

    String text = text(metrics.scrape(null));

    assertThat(text)
        .contains(
            "deployment_started_total{app=\"shop\",env=\"prod\",kind=\"deploy\","
                + "strategy=\"canary\"} 1.0")
        .contains(
            "deployment_completed_total{app=\"shop\",env=\"prod\",kind=\"deploy\","
                + "outcome=\"rolled_back\",strategy=\"canary\"} 1.0")
        .contains(
            "deployment_duration_seconds_bucket{app=\"shop\",env=\"prod\","
                + "outcome=\"rolled_back\",strategy=\"canary\",le=\"60.0\"} 0")
        .contains(
            "deployment_duration_seconds_bucket{app=\"shop\",env=\"prod\","
                + "outcome=\"rolled_back\",strategy=\"canary\",le=\"120.0\"} 1")
        .contains("rollback_triggered_total{app=\"shop\",env=\"prod\",reason=\"analysis\"} 1.0");
  }

  @Test
  void analysisVerdictsAndValuesShowTheLatestMeasurement() {
    MetricEvidence errors =
        new MetricEvidence(
            "errors",
            Metric.ERROR_RATE,
            0.2,
            0.01,
            30,
            273,
            Condition.parse("canary - stable > 0.05"),
            Duration.ofSeconds(10),
            Verdict.FAIL,
            "");
    metrics
        .analysisObserver()
        .measured(
            "shop",
            "errors-and-latency",
            42,
            41,
            new Measurement(1, T0, Duration.ofSeconds(10), Verdict.FAIL, List.of(errors)));

    String text = text(metrics.scrape(null));

    assertThat(text)
        .contains(
            "relevo_analysis_verdict{analysis=\"errors-and-latency\",app=\"shop\","
                + "metric=\"errors\",verdict=\"fail\"} 1.0")
        .contains(
            "relevo_analysis_verdict{analysis=\"errors-and-latency\",app=\"shop\","
                + "metric=\"errors\",verdict=\"pass\"} 0.0")
        .contains(
            "relevo_analysis_value{analysis=\"errors-and-latency\",app=\"shop\","
                + "metric=\"errors\",revision=\"42\",role=\"canary\"} 0.2");
  }

  @Test
  void openMetricsIsServedWhenAsked() {
    Scrape scrape =
        metrics.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8,*/*;q=0.1");

    assertThat(scrape.contentType()).startsWith("application/openmetrics-text");
    assertThat(text(scrape)).endsWith("# EOF\n");
    assertThat(metrics.scrape("text/plain").contentType()).startsWith("text/plain; version=0.0.4");
  }

  private static RevisionStats stableStats() {
    LatencyHistogram h =
        LatencyHistogram.standard(1000, v -> v >= 1000 ? 600 + (v >= 200_000 ? 400 : 0) : 0);
    return new RevisionStats(1000, 1000, 0, 0, 0, 0, 0, LatencySnapshot.empty(), h);
  }

  private static RevisionStats canaryStats() {
    return new RevisionStats(
        100, 90, 0, 3, 5, 1, 1, LatencySnapshot.empty(), LatencyHistogram.empty());
  }

  private static TrafficSplit canarySplit() {
    return new TrafficSplit(
        List.of(
            new TrafficSplit.Backend(41, new Endpoint("127.0.0.1", 9001), 90),
            new TrafficSplit.Backend(42, new Endpoint("127.0.0.1", 9002), 10)));
  }

  private static Revision revision(int n, String version) {
    return new Revision(
        "shop", n, version, "h", "", "relevo.yml", Revision.State.SERVING, null, T0, null, null);
  }

  private static RolloutRecord rollout(
      RolloutRecord.Outcome outcome, Instant finished, String outcomeReason) {
    return new RolloutRecord(
        7,
        "shop",
        RolloutRecord.Kind.DEPLOY,
        41,
        42,
        "canary",
        "ana",
        "",
        T0,
        finished,
        outcome,
        outcomeReason,
        List.of());
  }

  private static RolloutNotice notice(NotifyEvent event, RolloutRecord r) {
    return new RolloutNotice(event, r, "prod", "1.2.2", "1.2.3", List.of(), "");
  }

  private static String text(Scrape scrape) {
    return new String(scrape.body(), StandardCharsets.UTF_8);
  }
}
