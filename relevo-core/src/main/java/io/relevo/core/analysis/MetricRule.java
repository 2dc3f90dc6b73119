package io.relevo.core.analysis;

/**
 * One metric of an analysis: {@code {name: error-rate, builtin: error_rate, fail_if: "canary -
 * stable > 0.05"}}.
 *
 * @param name shown in evidence, e.g. {@code error-rate}
 * @param metric what is measured
 * @param failIf the metric fails a measurement when this holds
 * @param query where the values come from: the proxy's counters ({@link MetricQuery#builtin()}) or
 *     a {@link PromQlQuery} (then {@code metric} is {@link Metric#QUERY})
 */
public record MetricRule(String name, Metric metric, Condition failIf, MetricQuery query) {

  /** A rule on the proxy's counters. */
  public MetricRule(String name, Metric metric, Condition failIf) {
    this(name, metric, failIf, MetricQuery.builtin());
  }

  /** A rule whose values a PromQL query gives. */
  public static MetricRule promQl(String name, PromQlQuery query, Condition failIf) {
    return new MetricRule(name, Metric.QUERY, failIf, query);
  }

  public MetricRule {
    query = query == null ? MetricQuery.builtin() : query;
    if ((metric == Metric.QUERY) != (query instanceof PromQlQuery)) {
      throw new IllegalArgumentException(
          name + ": metric " + metric + " with " + query + " (expected: QUERY with a query only)");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: \"" + name + "\" (expected: a non-blank name)");
    }
    if (metric == null || failIf == null) {
      throw new IllegalArgumentException(
          name + ": metric and failIf are required (got " + metric + ", " + failIf + ")");
    }
  }

  /**
   * A rule from its config spelling.
   *
   * @throws IllegalArgumentException for an unknown builtin (listing the known ones)
   * @throws ConditionSyntaxException for a condition that does not parse
   */
  public static MetricRule of(String name, String builtin, String failIf) {
    return new MetricRule(name, Metric.builtin(builtin), Condition.parse(failIf));
  }
}
