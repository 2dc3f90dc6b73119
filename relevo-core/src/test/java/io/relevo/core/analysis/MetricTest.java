package io.relevo.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricTest {

  @Test
  void builtinsAreFoundByTheirConfigName() {
    assertThat(Metric.builtin("latency_p95")).isEqualTo(Metric.LATENCY_P95);
    assertThat(Metric.builtin("error_rate")).isEqualTo(Metric.ERROR_RATE);
  }

  @Test
  void anUnknownBuiltinListsTheNamesThatExist() {
    assertThatThrownBy(() -> Metric.builtin("latency_p90"))
        .hasMessage(
            "builtin: \"latency_p90\" (expected one of: error_rate, availability,"
                + " latency_p50, latency_p95, latency_p99, request_count)");
  }

  @Test
  void evidencePrintsSharesAsPercentagesWithWindowAndRequests() {
    MetricEvidence evidence =
        new MetricEvidence(
            "error-rate",
            Metric.ERROR_RATE,
            0.072,
            0.004,
            812,
            7301,
            Condition.parse("canary - stable > 0.05"),
            Duration.ofSeconds(30),
            Verdict.FAIL,
            "");

    assertThat(evidence.describe())
        .isEqualTo(
            "error-rate: canary 7.2% vs stable 0.4% (fail if"
                + " canary - stable > 0.05) over 30s, 812 vs 7301 requests");
    assertThat(evidence.toString()).startsWith("FAIL error-rate: canary 7.2%");
  }

  @Test
  void evidencePrintsLatenciesInMillisecondsOrSecondsAndAddsTheDetail() {
    MetricEvidence evidence =
        new MetricEvidence(
            "p95",
            Metric.LATENCY_P95,
            3.4567,
            0.12,
            90,
            900,
            Condition.parse("canary - stable > 3s"),
            Duration.ofSeconds(90),
            Verdict.PASS,
            "not significant");

    assertThat(evidence.describe())
        .isEqualTo(
            "p95: canary 3.46s vs stable 120ms (fail if canary"
                + " - stable > 3s) over 1m30s, 90 vs 900 requests; not significant");
  }
}
