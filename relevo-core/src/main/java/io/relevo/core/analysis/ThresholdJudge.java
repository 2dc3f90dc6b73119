package io.relevo.core.analysis;

/** Fails a metric when its condition holds on the window's values. */
final class ThresholdJudge implements Judge {

  static final ThresholdJudge INSTANCE = new ThresholdJudge();

  private ThresholdJudge() {}

  @Override
  public String name() {
    return "threshold";
  }

  static MetricEvidence judgeWindow(Observation o) {
    Metric metric = o.rule().metric();
    double canary = metric.value(o.canary());
    double stable = metric.value(o.stableReference());
    if (o.tooFewRequests()) {
      return o.evidence(canary, stable, Verdict.INCONCLUSIVE, o.tooFewDetail());
    }
    Verdict verdict = o.rule().failIf().evaluate(canary, stable) ? Verdict.FAIL : Verdict.PASS;
    String detail =
        metric.isLatency() && !o.canary().hasWindowedLatency()
            ? "latency since the revision started: no histogram from the metrics source"
            : o.comparesWithHistory() && o.rule().failIf().readsStable()
                ? "stable from its recent history: too few requests in the same window"
                : "";
    return o.evidence(canary, stable, verdict, detail);
  }

  @Override
  public String toString() {
    return name();
  }
}
