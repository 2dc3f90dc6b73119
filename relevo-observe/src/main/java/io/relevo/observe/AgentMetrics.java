package io.relevo.observe;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.relevo.core.analysis.AnalysisObserver;
import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.notify.Notifier;
import io.relevo.core.routing.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the agent's {@code /metrics} serves: deployments (from the engine's notices), per-revision
 * traffic and weights (read from the router and the metrics source at scrape time), analysis
 * verdicts and values, backup age, and the agent's own JVM and process metrics. Each agent has its
 * own registry, so two agents in one JVM (tests) do not share series.
 */
public final class AgentMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final ExpositionFormats formats = ExpositionFormats.init();
  private final DeploymentMetrics deployments;
  private final AnalysisMetrics analysis = new AnalysisMetrics();
  private boolean jvmRegistered; // guarded by this

  private AgentMetrics(AppsView apps, Router router, MetricsSource metrics, BackupAge backups) {
    deployments = new DeploymentMetrics(registry);
    registry.register(new TrafficCollector(apps, router, metrics));
    registry.register(analysis);
    registry.register(() -> backupAge(backups));
  }

  /**
   * Metrics of an agent.
   *
   * @param apps the apps and their revisions' versions, read at each scrape
   * @param router the weights in force
   * @param metrics the per-revision counters
   * @param backups the history's backup age; {@link BackupAge#none()} leaves the metric out
   */
  public static AgentMetrics create(
      AppsView apps, Router router, MetricsSource metrics, BackupAge backups) {
    return new AgentMetrics(apps, router, metrics, backups);
  }

  /** Counts deployments and rollbacks; pass it to the engine (with the other notifiers). */
  public Notifier notifier() {
    return deployments;
  }

  /** Keeps the latest analysis measurements; pass it to the engine. */
  public AnalysisObserver analysisObserver() {
    return analysis;
  }

  /** Serves {@code collector}'s metrics too, e.g. the notifications' counters. */
  public void register(io.prometheus.metrics.model.registry.MultiCollector collector) {
    registry.register(collector);
  }

  /**
   * Writes every metric in the format {@code accept} asks for: OpenMetrics when it names {@code
   * application/openmetrics-text}, else the Prometheus text format 0.0.4.
   */
  public Scrape scrape(String accept) {
    registerJvmMetrics();
    ExpositionFormatWriter writer =
        accept != null && accept.contains("application/openmetrics-text")
            ? formats.getOpenMetricsTextFormatWriter()
            : formats.getPrometheusTextFormatWriter();
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Scrape(writer.getContentType(), out.toByteArray());
  }

  /**
   * The JVM's metrics read its management beans, which take ~150 ms of a cold JVM to set up: they
   * are registered on the first scrape rather than on the agent's way to serving.
   */
  private synchronized void registerJvmMetrics() {
    if (!jvmRegistered) {
      JvmMetrics.builder().register(registry);
      jvmRegistered = true;
    }
  }

  private static MetricSnapshots backupAge(BackupAge backups) {
    return backups
        .age()
        .map(
            age ->
                MetricSnapshots.of(
                    GaugeSnapshot.builder()
                        .name("relevo_backup_age_seconds")
                        .help("Age of the newest backup of the history")
                        .dataPoint(
                            GaugeDataPointSnapshot.builder().value(age.toMillis() / 1000.0).build())
                        .build()))
        .orElseGet(() -> MetricSnapshots.of());
  }
}
