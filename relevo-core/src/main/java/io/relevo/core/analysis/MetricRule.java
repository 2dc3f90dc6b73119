package io.relevo.core.analysis;

/**
 * One metric of an analysis: {@code {name: error-rate, builtin: error_rate, fail_if: "canary -
 * stable > 0.05"}}.
 *
 * @param name shown in evidence, e.g. {@code error-rate}
 * @param metric what is measured
 * @param failIf the metric fails a measurement when this holds
 */
public record MetricRule(String name, Metric metric, Condition failIf) {

  public MetricRule {
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
