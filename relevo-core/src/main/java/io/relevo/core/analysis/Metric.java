package io.relevo.core.analysis;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The built-in metrics, computed from the proxy's per-revision counters over a window. Shares are
 * fractions (0.05 = 5%), latencies are seconds, so conditions read {@code > 0.05}, {@code > 3s}.
 */
public enum Metric {
  /** 5xx, connection failures and timeouts as a share of requests; 0 without requests. */
  ERROR_RATE("error_rate"),
  /**
   * Requests that did not fail as a share of requests ({@code 1 - error_rate}); 1 without requests.
   */
  AVAILABILITY("availability"),
  /** Median latency of answered requests, in seconds. */
  LATENCY_P50("latency_p50"),
  /** 95th percentile latency of answered requests, in seconds. */
  LATENCY_P95("latency_p95"),
  /** 99th percentile latency of answered requests, in seconds. */
  LATENCY_P99("latency_p99"),
  /** Requests in the window. Never inconclusive: too few requests is what it measures. */
  REQUEST_COUNT("request_count"),
  /** A value a query to a metrics system returned ({@link PromQlQuery}); not a built-in. */
  QUERY("query");

  private final String builtinName;

  Metric(String builtinName) {
    this.builtinName = builtinName;
  }

  /**
   * The metric a config names in {@code builtin:}.
   *
   * @throws IllegalArgumentException listing the names that exist
   */
  public static Metric builtin(String name) {
    for (Metric metric : values()) {
      if (metric != QUERY && metric.builtinName.equals(name)) {
        return metric;
      }
    }
    throw new IllegalArgumentException(
        "builtin: \""
            + name
            + "\" (expected one of: "
            + Arrays.stream(values())
                .filter(m -> m != QUERY)
                .map(Metric::builtinName)
                .collect(Collectors.joining(", "))
            + ")");
  }

  /** The name used in {@code relevo.yml}, e.g. {@code error_rate}. */
  public String builtinName() {
    return builtinName;
  }

  /** Whether the value is a share of requests (a proportion a sequential test can judge). */
  boolean isShare() {
    return this == ERROR_RATE || this == AVAILABILITY;
  }

  /** Whether the value is a latency quantile. */
  boolean isLatency() {
    return this == LATENCY_P50 || this == LATENCY_P95 || this == LATENCY_P99;
  }

  /** The quantile of a latency metric. */
  double quantile() {
    return switch (this) {
      case LATENCY_P50 -> 0.50;
      case LATENCY_P95 -> 0.95;
      case LATENCY_P99 -> 0.99;
      default -> throw new IllegalStateException(builtinName + " is not a latency quantile");
    };
  }

  /** Per-request events a share counts: errors for error_rate, successes for availability. */
  long events(RevisionWindow window) {
    return this == ERROR_RATE ? window.errors() : window.successes();
  }

  /** The metric's value over {@code window}. */
  double value(RevisionWindow window) {
    return switch (this) {
      case ERROR_RATE -> window.requests() == 0 ? 0 : (double) window.errors() / window.requests();
      case AVAILABILITY ->
          window.requests() == 0 ? 1 : (double) window.successes() / window.requests();
      case LATENCY_P50, LATENCY_P95, LATENCY_P99 -> window.latencySeconds(quantile());
      case REQUEST_COUNT -> window.requests();
      case QUERY -> Double.NaN;
    };
  }

  /** A value as evidence prints it: {@code 7.2%}, {@code 850ms}, {@code 3.25s}, {@code 812}. */
  String format(double value) {
    return switch (this) {
      case ERROR_RATE, AVAILABILITY -> Formats.percent(value);
      case LATENCY_P50, LATENCY_P95, LATENCY_P99 -> Formats.seconds(value);
      case REQUEST_COUNT -> Formats.count(value);
      case QUERY -> Double.isNaN(value) ? "no data" : Formats.decimal(value);
    };
  }
}
