package io.relevo.core.analysis;

import java.util.Optional;

/**
 * Judges a rule whose values come from a {@link MetricProvider}: {@code fail_if} on the values; no
 * data is inconclusive and a source that cannot be read is an error, never a pass.
 */
final class QueriedJudging implements RuleJudging {

  private final MetricProvider provider;

  QueriedJudging(MetricProvider provider) {
    this.provider = provider;
  }

  @Override
  public MetricEvidence judge(Observation o) {
    Optional<MetricProvider.Values> values;
    try {
      values = provider.read(o.app(), o.canaryRevision(), o.stableRevision(), o.at());
    } catch (RuntimeException e) {
      return o.queried(
          Double.NaN,
          Double.NaN,
          Verdict.ERROR,
          "could not query: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
    if (values.isEmpty()) {
      return o.queried(Double.NaN, Double.NaN, Verdict.INCONCLUSIVE, "the query returned no data");
    }
    double canary = values.get().canary();
    double stable = values.get().stable();
    Verdict verdict = o.rule().failIf().evaluate(canary, stable) ? Verdict.FAIL : Verdict.PASS;
    return o.queried(canary, stable, verdict, "");
  }
}
