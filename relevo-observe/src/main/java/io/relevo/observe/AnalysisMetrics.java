package io.relevo.observe;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.relevo.core.analysis.AnalysisObserver;
import io.relevo.core.analysis.Measurement;
import io.relevo.core.analysis.MetricEvidence;
import io.relevo.core.analysis.Verdict;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest analysis measurement of each app and analysis, as gauges Grafana can plot: {@code
 * relevo_analysis_verdict} (1 for the metric's current verdict, 0 for the others) and {@code
 * relevo_analysis_value} (canary's and stable's values). One measurement replaces the last of the
 * same app and analysis, so series are bounded by apps × analyses × metrics.
 */
final class AnalysisMetrics implements AnalysisObserver, MultiCollector {

  private record Key(String app, String analysis) {}

  private record Latest(int canary, int stable, Measurement measurement) {}

  private final Map<Key, Latest> latest = new ConcurrentHashMap<>();

  @Override
  public void measured(
      String app, String analysis, int canaryRevision, int stableRevision, Measurement m) {
    latest.put(new Key(app, analysis), new Latest(canaryRevision, stableRevision, m));
  }

  @Override
  public MetricSnapshots collect() {
    GaugeSnapshot.Builder verdicts =
        GaugeSnapshot.builder()
            .name("relevo_analysis_verdict")
            .help(
                "1 for each analysis metric's latest verdict, 0 for the verdicts it does not have");
    GaugeSnapshot.Builder values =
        GaugeSnapshot.builder()
            .name("relevo_analysis_value")
            .help(
                "Each analysis metric's latest value for the canary and the stable revision"
                    + " (shares as fractions, latencies in seconds)");
    latest.forEach(
        (key, l) -> {
          for (MetricEvidence e : l.measurement().metrics()) {
            Labels base =
                Labels.of("app", key.app(), "analysis", key.analysis(), "metric", e.name());
            for (Verdict v : Verdict.values()) {
              verdicts.dataPoint(
                  GaugeDataPointSnapshot.builder()
                      .labels(base.add("verdict", v.name().toLowerCase(java.util.Locale.ROOT)))
                      .value(e.verdict() == v ? 1 : 0)
                      .build());
            }
            values.dataPoint(value(base, "canary", l.canary(), e.canary()));
            values.dataPoint(value(base, "stable", l.stable(), e.stable()));
          }
        });
    return MetricSnapshots.of(verdicts.build(), values.build());
  }

  private static GaugeDataPointSnapshot value(Labels base, String role, int revision, double v) {
    return GaugeDataPointSnapshot.builder()
        .labels(Labels.of("role", role, "revision", Integer.toString(revision)).merge(base))
        .value(v)
        .build();
  }
}
