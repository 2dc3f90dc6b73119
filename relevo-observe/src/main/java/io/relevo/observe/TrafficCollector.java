package io.relevo.observe;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.relevo.core.engine.AppStatus;
import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.routing.Router;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.store.Revision;
import java.util.List;

/**
 * Per-revision traffic, read from the ports when Prometheus scrapes: the weights from {@link
 * Router#current}, the counters and latency buckets from {@link MetricsSource}. Nothing runs on the
 * proxy's request path. Only revisions in an app's split have series, so a revision's series go
 * away once it leaves the split: the label sets stay bounded by the apps and their live revisions.
 * The first revision of a split is {@code role="stable"}, any other {@code role="canary"}.
 */
final class TrafficCollector implements MultiCollector {

  private final AppsView apps;
  private final Router router;
  private final MetricsSource metrics;

  TrafficCollector(AppsView apps, Router router, MetricsSource metrics) {
    this.apps = apps;
    this.router = router;
    this.metrics = metrics;
  }

  @Override
  public MetricSnapshots collect() {
    CounterSnapshot.Builder requests =
        CounterSnapshot.builder()
            .name("relevo_http_requests")
            .help(
                "Requests the proxy answered per revision, by code class (5xx includes the"
                    + " proxy's 502 and 504 for a revision that could not be reached or timed"
                    + " out)");
    HistogramSnapshot.Builder latency =
        HistogramSnapshot.builder()
            .name("relevo_http_request_duration_seconds")
            .help("Latency of answered requests per revision (buckets only, no _sum)");
    GaugeSnapshot.Builder weight =
        GaugeSnapshot.builder()
            .name("relevo_revision_weight_percent")
            .help("The share of new requests each revision in the split gets, 0..100");
    for (AppStatus app : apps.apps()) {
      TrafficSplit split = router.current(app.app());
      List<TrafficSplit.Backend> backends = split.backends();
      for (int i = 0; i < backends.size(); i++) {
        TrafficSplit.Backend backend = backends.get(i);
        Labels labels =
            Labels.of(
                "app", app.app(),
                "env", app.env() == null ? "" : app.env(),
                "revision", Integer.toString(backend.revision()),
                "version", version(app, backend.revision()),
                "role", i == 0 ? "stable" : "canary");
        weight.dataPoint(
            GaugeDataPointSnapshot.builder().labels(labels).value(backend.weight()).build());
        RevisionStats stats = metrics.snapshot(app.app(), backend.revision());
        addRequests(requests, labels, stats);
        if (stats.histogram() != null) {
          latency.dataPoint(
              HistogramDataPointSnapshot.builder()
                  .labels(labels)
                  .classicHistogramBuckets(PrometheusBuckets.of(stats.histogram()))
                  .build());
        }
      }
    }
    return MetricSnapshots.of(requests.build(), latency.build(), weight.build());
  }

  private static void addRequests(
      CounterSnapshot.Builder requests, Labels labels, RevisionStats stats) {
    long[] byClass = {
      stats.status2xx(),
      stats.status3xx(),
      stats.status4xx(),
      stats.status5xx() + stats.connectFailures() + stats.timeouts()
    };
    String[] classes = {"2xx", "3xx", "4xx", "5xx"};
    for (int c = 0; c < classes.length; c++) {
      requests.dataPoint(
          CounterDataPointSnapshot.builder()
              .labels(labels.add("code", classes[c]))
              .value(byClass[c])
              .build());
    }
  }

  private static String version(AppStatus app, int revision) {
    return app.running().stream()
        .filter(r -> r.number() == revision)
        .map(Revision::version)
        .findFirst()
        .orElse("");
  }
}
