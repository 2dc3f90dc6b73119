package io.relevo.core.engine;

import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.metrics.RevisionStats;

/**
 * Metrics in which one revision, which no longer takes traffic, replays a window of its past: the
 * k-th read returns k times that window, so every window an analysis computes from two reads is
 * that same past window. Every other revision reads live.
 */
final class ReplayedWindow implements MetricsSource {

  private final MetricsSource live;
  private final String app;
  private final int revision;
  private final RevisionStats window;
  private int reads;

  ReplayedWindow(MetricsSource live, String app, int revision, RevisionStats window) {
    this.live = live;
    this.app = app;
    this.revision = revision;
    this.window = window;
  }

  @Override
  public synchronized RevisionStats snapshot(String app, int revision) {
    if (!this.app.equals(app) || this.revision != revision) {
      return live.snapshot(app, revision);
    }
    long k = reads++;
    LatencyHistogram histogram = window.histogram();
    if (histogram != null) {
      long[] counts = histogram.counts().clone();
      for (int i = 0; i < counts.length; i++) {
        counts[i] *= k;
      }
      histogram = new LatencyHistogram(histogram.upperBoundsMicros(), counts);
    }
    return new RevisionStats(
        k * window.requests(),
        k * window.status2xx(),
        k * window.status3xx(),
        k * window.status4xx(),
        k * window.status5xx(),
        k * window.connectFailures(),
        k * window.timeouts(),
        window.latency(),
        histogram,
        k * window.retried(),
        null);
  }
}
