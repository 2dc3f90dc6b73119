package io.relevo.core.analysis;

import io.relevo.core.metrics.RevisionStats;

/** One run's judging of one metric; the statistical judge keeps evidence across measurements. */
interface RuleJudging {

  /** The run's baseline snapshots, taken before the first measurement. */
  default void begin(RevisionStats canary, RevisionStats stable) {}

  MetricEvidence judge(Observation observation);

  static RuleJudging of(Judge judge, MetricRule rule) {
    if (rule.query() instanceof PromQlQuery query) {
      return o -> new QueriedJudging(MetricProvider.of(query, o.promql())).judge(o);
    }
    return switch (judge) {
      case ThresholdJudge t -> ThresholdJudge::judgeWindow;
      case StatisticalJudge s -> s.start(rule);
    };
  }
}
