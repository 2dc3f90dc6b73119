package io.relevo.core.analysis;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A rule measured by PromQL: {@code prometheus: {address, query, range, step, timeout}}. In the
 * query, {@code {{app}}} stands for the app, {@code {{canary}}} and {@code {{stable}}} for the two
 * revisions' numbers (as in relevo's own {@code revision} label). The query is run once for each
 * side: for the canary's value as written, for stable's value with {@code {{canary}}} and {@code
 * {{stable}}} swapped, so one query serves {@code canary - stable > 0.05}.
 *
 * @param address Prometheus' base URL, e.g. {@code http://127.0.0.1:9090}
 * @param query the PromQL, with placeholders; it must return one series (aggregate with {@code
 *     sum}/{@code avg})
 * @param range null for an instant query; else a range query over the last {@code range}, whose
 *     value is the mean of the series' samples
 * @param step the range query's resolution; default a tenth of the range, at least 1 s
 * @param timeout how long one query may take, Prometheus' own evaluation included; default 5 s
 */
public record PromQlQuery(
    URI address, String query, Duration range, Duration step, Duration timeout)
    implements MetricQuery {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public PromQlQuery {
    Objects.requireNonNull(address, "address");
    if (!("http".equals(address.getScheme()) || "https".equals(address.getScheme()))
        || address.getHost() == null) {
      throw new IllegalArgumentException(
          "address: " + address + " (expected: an http(s) URL, like http://127.0.0.1:9090)");
    }
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("query: empty (expected: a PromQL expression)");
    }
    if (range != null && (range.isNegative() || range.isZero())) {
      throw new IllegalArgumentException("range: " + range + " (expected: > 0)");
    }
    if (step != null && (step.isNegative() || step.isZero())) {
      throw new IllegalArgumentException("step: " + step + " (expected: > 0)");
    }
    if (range == null && step != null) {
      throw new IllegalArgumentException("step: set without range (expected: both or neither)");
    }
    if (range != null && step == null) {
      Duration tenth = range.dividedBy(10);
      step = tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenth;
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
  }

  /** The query with its placeholders filled, label-value safe (quotes and backslashes escaped). */
  public String render(String app, int canary, int stable) {
    return query
        .replace("{{app}}", escape(app))
        .replace("{{canary}}", Integer.toString(canary))
        .replace("{{stable}}", Integer.toString(stable));
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
