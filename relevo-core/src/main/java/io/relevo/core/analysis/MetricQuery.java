package io.relevo.core.analysis;

/**
 * Where an analysis rule's values come from: the proxy's own counters ({@link #builtin()}, judged
 * by the analysis' judge) or a query to a metrics system ({@link PromQlQuery}, judged on its values
 * by the rule's {@code fail_if}). A new kind of source is one record here and one {@link
 * MetricProvider}.
 */
public sealed interface MetricQuery permits MetricQuery.Builtin, PromQlQuery {

  /** The proxy's per-revision counters, read through {@code MetricsSource}. */
  static MetricQuery builtin() {
    return Builtin.INSTANCE;
  }

  /** The proxy's counters. */
  enum Builtin implements MetricQuery {
    INSTANCE
  }
}
