package io.relevo.example.alojamientos;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters and latency histograms in the Prometheus text format (version 0.0.4), with the
 * names the runbooks' dashboards use: {@code http_requests_total{method,path,status}}, {@code
 * http_request_duration_seconds{method,path}}, {@code http_requests_inprogress}, {@code up}.
 *
 * <p>{@code path} is the route ({@code /api/v1/accommodations}), never the raw URL, so a client
 * cannot blow up the number of series; unknown paths count as {@code other}.
 */
final class Metrics {

  /** Upper bounds of the histogram buckets, in seconds (the Prometheus client defaults). */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private record Series(String method, String path) implements Comparable<Series> {
    @Override
    public int compareTo(Series o) {
      int c = path.compareTo(o.path);
      return c != 0 ? c : method.compareTo(o.method);
    }
  }

  private record Counted(Series series, int status) implements Comparable<Counted> {
    @Override
    public int compareTo(Counted o) {
      int c = series.compareTo(o.series);
      return c != 0 ? c : Integer.compare(status, o.status);
    }
  }

  private static final class Histogram {
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final AtomicLong sumNanos = new AtomicLong();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
    }

    void observe(long nanos) {
      double seconds = nanos / 1e9;
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) buckets[i].increment();
      }
      count.increment();
      sumNanos.addAndGet(nanos);
    }
  }

  private final Map<Counted, LongAdder> requests = new ConcurrentSkipListMap<>();
  private final Map<Series, Histogram> durations = new ConcurrentHashMap<>();
  private final AtomicLong inProgress = new AtomicLong();
  private final String version;

  Metrics(String version) {
    this.version = version;
  }

  void started() {
    inProgress.incrementAndGet();
  }

  /** Counts one finished request; call once per {@link #started()}. */
  void finished(String method, String path, int status, long nanos) {
    inProgress.decrementAndGet();
    Series series = new Series(method, path);
    requests.computeIfAbsent(new Counted(series, status), k -> new LongAdder()).increment();
    durations.computeIfAbsent(series, k -> new Histogram()).observe(nanos);
  }

  /** The whole exposition, one sample per line, ending with a newline. */
  String render() {
    StringBuilder out = new StringBuilder();
    out.append("# HELP http_requests_total Requests answered, by method, route and status.\n");
    out.append("# TYPE http_requests_total counter\n");
    requests.forEach(
        (k, v) ->
            out.append("http_requests_total{method=\"")
                .append(k.series.method)
                .append("\",path=\"")
                .append(k.series.path)
                .append("\",status=\"")
                .append(k.status)
                .append("\"} ")
                .append(v.sum())
                .append('\n'));

    out.append(
        "# HELP http_request_duration_seconds Time from request to response, by method and route.\n");
    out.append("# TYPE http_request_duration_seconds histogram\n");
    new java.util.TreeMap<>(durations)
        .forEach(
            (s, h) -> {
              String labels = "method=\"" + s.method + "\",path=\"" + s.path + "\"";
              // Buckets are cumulative and read while requests land, so clamp each between its
              // lower
              // neighbour and the count read first: scrapers reject a histogram that decreases.
              long count = h.count.sum();
              long previous = 0;
              for (int i = 0; i < BUCKETS.length; i++) {
                previous = Math.min(count, Math.max(previous, h.buckets[i].sum()));
                out.append("http_request_duration_seconds_bucket{")
                    .append(labels)
                    .append(",le=\"")
                    .append(format(BUCKETS[i]))
                    .append("\"} ")
                    .append(previous)
                    .append('\n');
              }
              out.append("http_request_duration_seconds_bucket{")
                  .append(labels)
                  .append(",le=\"+Inf\"} ")
                  .append(count)
                  .append('\n');
              out.append("http_request_duration_seconds_sum{")
                  .append(labels)
                  .append("} ")
                  .append(format(h.sumNanos.get() / 1e9))
                  .append('\n');
              out.append("http_request_duration_seconds_count{")
                  .append(labels)
                  .append("} ")
                  .append(count)
                  .append('\n');
            });

    out.append("# HELP http_requests_inprogress Requests being answered now.\n");
    out.append("# TYPE http_requests_inprogress gauge\n");
    out.append("http_requests_inprogress ").append(inProgress.get()).append('\n');
    out.append("# HELP app_info The running version.\n");
    out.append("# TYPE app_info gauge\n");
    out.append("app_info{version=\"").append(escape(version)).append("\"} 1\n");
    out.append("# HELP up Whether the service is up.\n");
    out.append("# TYPE up gauge\n");
    out.append("up 1\n");
    return out.toString();
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  private static String escape(String label) {
    return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
