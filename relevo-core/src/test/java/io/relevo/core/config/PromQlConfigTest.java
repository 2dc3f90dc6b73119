package io.relevo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.analysis.MetricRule;
import io.relevo.core.analysis.PromQlQuery;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code analysis.NAME.metrics[].prometheus}: what is read, and what is refused with where. */
class PromQlConfigTest {

  private static AppConfigResult parse(String metrics) {
    String yaml =
        """
        app: shop
        runtime:
          command: [run]
        analysis:
          prom:
            metrics:
        %s
        """
            .formatted(metrics);
    return new AppConfigResult(yaml);
  }

  private record AppConfigResult(String yaml) {
    MetricRule rule() {
      return ConfigLoader.parse("relevo.yml", yaml, Map.of())
          .analysis()
          .get("prom")
          .metrics()
          .getFirst();
    }

    String problems() {
      try {
        ConfigLoader.parse("relevo.yml", yaml, Map.of());
        return "";
      } catch (ConfigException e) {
        return e.getMessage();
      }
    }
  }

  @Test
  void aPrometheusRuleIsReadWithItsRangeStepAndTimeout() {
    MetricRule rule =
        parse(
                """
                      - name: errors
                        prometheus:
                          address: http://127.0.0.1:9090
                          query: sum(rate(x{revision="{{canary}}"}[1m]))
                          range: 5m
                          timeout: 3s
                        fail_if: canary > 0.05
                """)
            .rule();

    assertThat(rule.query())
        .isEqualTo(
            new PromQlQuery(
                java.net.URI.create("http://127.0.0.1:9090"),
                "sum(rate(x{revision=\"{{canary}}\"}[1m]))",
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(3)));
  }

  @Test
  void aBadAddressAndAMissingQueryAreReportedWithTheirLines() {
    String problems =
        parse(
                """
                      - name: errors
                        prometheus: {address: "ftp://x"}
                        fail_if: canary > 0.05
                """)
            .problems();

    assertThat(problems)
        .contains("analysis.prom.metrics[0].prometheus.address")
        .contains("expected: an http(s) URL")
        .contains("analysis.prom.metrics[0].prometheus.query");
  }

  @Test
  void builtinAndPrometheusTogetherAreRefused() {
    assertThat(
            parse(
                    """
                          - name: errors
                            builtin: error_rate
                            prometheus: {address: "http://x:9090", query: "vector(1)"}
                            fail_if: canary > 0.05
                    """)
                .problems())
        .contains("builtin: set beside prometheus");
  }

  @Test
  void placeholdersAreFilledAndLabelValuesEscaped() {
    PromQlQuery q =
        new PromQlQuery(
            java.net.URI.create("http://127.0.0.1:9090"),
            "x{app=\"{{app}}\",revision=\"{{canary}}\",other=\"{{stable}}\"}",
            null,
            null,
            null);

    assertThat(q.render("sh\"op", 42, 41))
        .isEqualTo("x{app=\"sh\\\"op\",revision=\"42\",other=\"41\"}");
    assertThatThrownBy(
            () ->
                new PromQlQuery(
                    java.net.URI.create("http://x"), "q", null, Duration.ofSeconds(1), null))
        .hasMessageContaining("step: set without range");
  }
}
