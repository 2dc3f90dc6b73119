package io.relevo.core.analysis;

import io.relevo.core.metrics.RevisionStats;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Wald's sequential probability ratio test on a share (error rate, availability), over every
 * request since the run started. H0: the canary's share equals the stable revision's (estimated
 * from its traffic in the same run); H1: the canary's share sits on the {@code fail_if} boundary
 * given that stable value (for {@code canary - stable > 0.05} and stable at 1%, a canary at 6%).
 *
 * <p>The metric fails once the log-likelihood ratio reaches {@code ln((1-β)/α)}. The ratio is
 * floored at {@code ln(β/(1-α))}, Wald's acceptance bound: a long good history then cannot hide a
 * canary that turns bad later, which is caught as fast as one that started bad.
 */
final class SequentialShareTest implements RuleJudging {

  private static final double EPSILON = 1e-9;

  private final double upper;
  private final double lower;
  private RevisionStats fedCanary;
  private RevisionStats fedStable;
  private long canaryTrials;
  private long canaryEvents;
  private long stableTrials;
  private long stableEvents;
  private double logLikelihoodRatio;

  SequentialShareTest(double alpha, double beta) {
    this.upper = Math.log((1 - beta) / alpha);
    this.lower = Math.log(beta / (1 - alpha));
  }

  @Override
  public void begin(RevisionStats canary, RevisionStats stable) {
    fedCanary = canary;
    fedStable = stable;
  }

  @Override
  public MetricEvidence judge(Observation o) {
    Metric metric = o.rule().metric();
    RevisionWindow canary = RevisionWindow.between(fedCanary, o.canaryNow());
    RevisionWindow stable = RevisionWindow.between(fedStable, o.stableNow());
    fedCanary = o.canaryNow();
    fedStable = o.stableNow();
    stableTrials += stable.requests();
    stableEvents += metric.events(stable);
    // Smoothed so that a stable revision without a single error yet is not taken as perfect.
    double p0 = clamp((stableEvents + 0.5) / (stableTrials + 1));
    OptionalDouble boundary = boundary(o.rule().failIf(), p0);
    if (boundary.isPresent()) {
      double p1 = clamp(boundary.getAsDouble());
      long events = metric.events(canary);
      long others = canary.requests() - events;
      double step = events * Math.log(p1 / p0) + others * Math.log((1 - p1) / (1 - p0));
      logLikelihoodRatio = Math.max(lower, logLikelihoodRatio + step);
    }
    canaryTrials += canary.requests();
    canaryEvents += metric.events(canary);

    double canaryValue = share(metric, canaryEvents, canaryTrials);
    double stableValue = share(metric, stableEvents, stableTrials);
    MetricEvidence cumulative =
        new MetricEvidence(
            o.rule().name(),
            metric,
            canaryValue,
            stableValue,
            canaryTrials,
            stableTrials,
            o.rule().failIf().text(),
            o.sinceStart(),
            Verdict.PASS,
            "");
    if (boundary.isEmpty()) {
      // The condition has no boundary between stable and a worse canary (stable itself fails it,
      // or it does not depend on the canary): judge the values as they are.
      Verdict verdict =
          o.rule().failIf().evaluate(canaryValue, stableValue) ? Verdict.FAIL : Verdict.PASS;
      return with(cumulative, verdict, "no boundary for a sequential test; judged by threshold");
    }
    if (canaryTrials < o.minRequests()) {
      return with(cumulative, Verdict.INCONCLUSIVE, "fewer than " + o.minRequests() + " requests");
    }
    String statistic =
        String.format(
            Locale.ROOT,
            "sequential test: log-likelihood ratio %.2f (fails at %.2f) for canary at %s vs %s",
            logLikelihoodRatio,
            upper,
            metric.format(boundary.getAsDouble()),
            metric.format(p0));
    return with(cumulative, logLikelihoodRatio >= upper ? Verdict.FAIL : Verdict.PASS, statistic);
  }

  /**
   * The canary value at which {@code condition} starts to hold, searched from {@code stable}
   * towards 0 or 1, whichever side fails; empty when stable itself fails or neither side does.
   */
  static OptionalDouble boundary(Condition condition, double stable) {
    if (condition.evaluate(stable, stable)) {
      return OptionalDouble.empty();
    }
    boolean up = condition.evaluate(1, stable);
    boolean down = condition.evaluate(0, stable);
    if (up == down) {
      return OptionalDouble.empty();
    }
    double passing = stable;
    double failing = up ? 1 : 0;
    for (int i = 0; i < 60; i++) {
      double middle = (passing + failing) / 2;
      if (condition.evaluate(middle, stable)) {
        failing = middle;
      } else {
        passing = middle;
      }
    }
    return OptionalDouble.of(failing);
  }

  private static double share(Metric metric, long events, long trials) {
    if (trials == 0) {
      return metric == Metric.AVAILABILITY ? 1 : 0;
    }
    return (double) events / trials;
  }

  private static double clamp(double p) {
    return Math.min(1 - EPSILON, Math.max(EPSILON, p));
  }

  private static MetricEvidence with(MetricEvidence e, Verdict verdict, String detail) {
    return new MetricEvidence(
        e.name(),
        e.metric(),
        e.canary(),
        e.stable(),
        e.canaryRequests(),
        e.stableRequests(),
        e.condition(),
        e.window(),
        verdict,
        detail);
  }
}
