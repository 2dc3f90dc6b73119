package io.relevo.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisTemplateTest {

  @Test
  void theDefaultsAreTheRunbooksThreeRules() {
    AnalysisTemplate defaults = AnalysisTemplate.defaults();

    assertThat(defaults.metrics())
        .extracting(r -> r.name() + " " + r.metric().builtinName() + " fail if " + r.failIf())
        .containsExactly(
            "error-rate error_rate fail if canary - stable > 0.05",
            "p95 latency_p95 fail if canary - stable > 3s",
            "availability availability fail if canary < 0.95");
    assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(defaults.minRequests()).isEqualTo(5);
    assertThat(defaults.failureLimit()).isZero();
    assertThat(defaults.count()).isEqualTo(30);
    assertThat(defaults.inconclusive()).isEqualTo(InconclusivePolicy.pauseAfter(60));
    assertThat(defaults.judge()).isEqualTo(Judge.sequentialDefault());
  }

  @Test
  void theThresholdJudgesDefaultsAreFixedTenSecondWindows() {
    AnalysisTemplate defaults = AnalysisTemplate.thresholdDefaults();

    assertThat(defaults.metrics()).isEqualTo(AnalysisTemplate.defaults().metrics());
    assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.minRequests()).isEqualTo(50);
    assertThat(defaults.failureLimit()).isEqualTo(1);
    assertThat(defaults.count()).isEqualTo(3);
    assertThat(defaults.inconclusive()).isEqualTo(InconclusivePolicy.pauseAfter(3));
    assertThat(defaults.judge().name()).isEqualTo("threshold");
  }

  @Test
  void rejectsAZeroIntervalNamingTheField() {
    AnalysisTemplate d = AnalysisTemplate.defaults();
    assertThatThrownBy(
            () ->
                new AnalysisTemplate(
                    "default",
                    Duration.ZERO,
                    3,
                    1,
                    50,
                    d.inconclusive(),
                    4,
                    d.judge(),
                    d.metrics()))
        .hasMessage("default.interval: PT0S (expected: > 0)");
  }

  @Test
  void rejectsNegativeLimitsNamingTheField() {
    AnalysisTemplate d = AnalysisTemplate.defaults();
    assertThatThrownBy(
            () ->
                new AnalysisTemplate(
                    "default",
                    d.interval(),
                    3,
                    -1,
                    50,
                    d.inconclusive(),
                    4,
                    d.judge(),
                    d.metrics()))
        .hasMessage("default.failure_limit: -1 (expected: >= 0)");
    assertThatThrownBy(() -> InconclusivePolicy.pauseAfter(-2))
        .hasMessage("inconclusive.limit: -2 (expected: >= 0)");
  }

  @Test
  void rejectsTwoMetricsWithTheSameName() {
    AnalysisTemplate d = AnalysisTemplate.defaults();
    MetricRule rule = MetricRule.of("p95", "latency_p95", "canary > 1s");
    assertThatThrownBy(
            () ->
                new AnalysisTemplate(
                    "slow",
                    d.interval(),
                    3,
                    1,
                    50,
                    d.inconclusive(),
                    4,
                    d.judge(),
                    List.of(rule, rule)))
        .hasMessage("slow.metrics: \"p95\" twice (expected: unique names)");
  }

  @Test
  void rejectsAnAnalysisWithoutMetrics() {
    AnalysisTemplate d = AnalysisTemplate.defaults();
    assertThatThrownBy(
            () ->
                new AnalysisTemplate(
                    "empty", d.interval(), 3, 1, 50, d.inconclusive(), 4, d.judge(), List.of()))
        .hasMessage("empty.metrics: none (expected: at least one)");
  }

  @Test
  void judgesAreChosenByNameAndAnUnknownOneListsTheKnownOnes() {
    assertThat(Judge.named("statistical").name()).isEqualTo("statistical");
    assertThat(AnalysisTemplate.defaults().withJudge(Judge.named("statistical")).judge().name())
        .isEqualTo("statistical");
    assertThatThrownBy(() -> Judge.named("bayesian"))
        .hasMessage("judge: \"bayesian\" (expected one of: threshold, statistical)");
    assertThatThrownBy(() -> Judge.statistical(0.7, 0.01, 100))
        .hasMessage("alpha: 0.7 (expected: 0 < alpha < 0.5)");
  }
}
