package io.relevo.observe.monitoring;

import io.relevo.core.analysis.AnalysisTemplate;
import io.relevo.core.analysis.Metric;
import io.relevo.core.analysis.MetricRule;
import io.relevo.core.config.AppConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alert thresholds of one app: the limits its {@code default} analysis uses ({@code fail_if: …
 * > 0.05} on {@code error_rate}, {@code > 3s} on {@code latency_p95}), else the runbooks' (error
 * rate above 5%, p95 above 6 s).
 *
 * @param errorRate the share of 5xx a revision may answer (0.05 = 5%)
 * @param latencyP95 the p95 latency a revision may have
 */
public record Thresholds(double errorRate, Duration latencyP95) {

  public static final Thresholds RUNBOOKS = new Thresholds(0.05, Duration.ofSeconds(6));

  private static final Pattern LIMIT =
      Pattern.compile(">\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|m)?\\s*$");

  public Thresholds {
    if (!(errorRate > 0 && errorRate <= 1)) {
      throw new IllegalArgumentException("errorRate: " + errorRate + " (expected: 0 < x <= 1)");
    }
    if (latencyP95 == null || latencyP95.isZero() || latencyP95.isNegative()) {
      throw new IllegalArgumentException("latencyP95: " + latencyP95 + " (expected: > 0)");
    }
  }

  /** The app's thresholds, from its default analysis where it states them. */
  public static Thresholds of(AppConfig config) {
    AnalysisTemplate analysis = config.analysis().get("default");
    double errorRate = RUNBOOKS.errorRate;
    Duration p95 = RUNBOOKS.latencyP95;
    if (analysis != null) {
      for (MetricRule rule : analysis.metrics()) {
        if (rule.metric() == Metric.ERROR_RATE) {
          errorRate = limit(rule).orElse(errorRate);
        } else if (rule.metric() == Metric.LATENCY_P95) {
          p95 = limit(rule).map(s -> Duration.ofMillis(Math.round(s * 1000))).orElse(p95);
        }
      }
    }
    return new Thresholds(errorRate, p95);
  }

  /** The number after the last {@code >} of a condition, in seconds for durations. */
  private static Optional<Double> limit(MetricRule rule) {
    Matcher m = LIMIT.matcher(rule.failIf().text());
    if (!m.find()) {
      return Optional.empty();
    }
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2);
    double seconds =
        switch (unit) {
          case "ms" -> value / 1000;
          case "m" -> value * 60;
          default -> value;
        };
    return seconds > 0 ? Optional.of(seconds) : Optional.empty();
  }
}
