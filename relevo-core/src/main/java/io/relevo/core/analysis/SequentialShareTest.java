package io.relevo.core.analysis;

import io.relevo.core.metrics.RevisionStats;
import java.util.OptionalDouble;

/**
 * Wald's sequential probability ratio test on a share (error rate, availability), over every
 * request since the run started. H0: the canary's share equals the stable revision's; H1: the
 * canary's share sits on the {@code fail_if} boundary given that stable value (for {@code canary -
 * stable > 0.05} and stable at 1%, a canary at 6%).
 *
 * <p>Stable's share is estimated from its recent history before the run (up to an hour) pooled with
 * its traffic during the run, so that a handful of canary failures is evidence when stable has been
 * clean for an hour; when stable's share during the run is worse than that estimate (an outage that
 * hits both), the worse one is used, so the canary is not blamed for it.
 *
 * <p>Verdicts: FAIL once the log-likelihood ratio reaches {@code ln((1-β)/α)}; PASS while it is at
 * most 0 (the evidence favours "as good as stable"); INCONCLUSIVE in between (not enough evidence
 * either way) and while the canary has fewer than {@code min_requests}. The ratio is floored at
 * {@code ln(β/(1-α))}, Wald's acceptance bound: a long good history then cannot hide a canary that
 * turns bad later, which is caught as fast as one that started bad.
 */
final class SequentialShareTest implements RuleJudging {

  private static final double EPSILON = 1e-9;

  /** Stable's share during the run overrides its history only on this many requests or more. */
  private static final long RUN_ESTIMATE_MIN = 100;

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
    Condition failIf = o.rule().failIf();
    RevisionWindow canary = RevisionWindow.between(fedCanary, o.canaryNow());
    RevisionWindow stable = RevisionWindow.between(fedStable, o.stableNow());
    fedCanary = o.canaryNow();
    fedStable = o.stableNow();
    stableTrials += stable.requests();
    stableEvents += metric.events(stable);
    long referenceTrials = o.stableHistory().requests() + stableTrials;
    long referenceEvents = metric.events(o.stableHistory()) + stableEvents;
    double p0 = clamp(reference(failIf, referenceEvents, referenceTrials));
    if (failIf.evaluate(p0, p0)) {
      // The margin pushed stable's estimate past the condition on thin evidence: no margin then.
      p0 = clamp((referenceEvents + 0.5) / (referenceTrials + 1));
    }
    OptionalDouble boundary = boundary(failIf, p0);
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
    double stableValue = share(metric, referenceEvents, referenceTrials);
    MetricEvidence cumulative =
        new MetricEvidence(
            o.rule().name(),
            metric,
            canaryValue,
            stableValue,
            canaryTrials,
            referenceTrials,
            failIf,
            o.sinceStart(),
            Verdict.PASS,
            "");
    if (boundary.isEmpty()) {
      // The condition has no boundary between stable and a worse canary (stable itself fails it,
      // or it does not depend on the canary): judge the values as they are.
      Verdict verdict = failIf.evaluate(canaryValue, stableValue) ? Verdict.FAIL : Verdict.PASS;
      return with(cumulative, verdict, "no boundary for a sequential test; judged by threshold");
    }
    if (canaryTrials < o.minRequests()) {
      return with(
          cumulative,
          Verdict.INCONCLUSIVE,
          "fewer than "
              + o.minRequests()
              + " canary requests to judge ("
              + canaryTrials
              + " so far, stable "
              + referenceTrials
              + ")");
    }
    String statistic =
        "sequential test: log-likelihood ratio "
            + Formats.decimal(logLikelihoodRatio)
            + " (fails at "
            + Formats.decimal(upper)
            + ", passes at 0 or below) for canary at "
            + metric.format(boundary.getAsDouble())
            + " vs "
            + metric.format(p0);
    Verdict verdict =
        logLikelihoodRatio >= upper
            ? Verdict.FAIL
            : logLikelihoodRatio > 0 ? Verdict.INCONCLUSIVE : Verdict.PASS;
    return with(
        cumulative,
        verdict,
        verdict == Verdict.INCONCLUSIVE ? "not enough evidence yet; " + statistic : statistic);
  }

  /**
   * Stable's share: its history and this run pooled, moved two standard errors towards failing the
   * condition (a stable that looks cleaner than it is, by chance, must not make an ordinary canary
   * look bad; with an hour of history the margin is tiny), or its share during this run when that
   * is worse still and rests on enough requests (an outage that hits both sides).
   */
  private double reference(Condition failIf, long events, long trials) {
    double pooled = (events + 0.5) / (trials + 1);
    boolean failsUpwards = failIf.evaluate(1, pooled);
    double margin = 2 * Math.sqrt(pooled * (1 - pooled) / (trials + 1));
    double cautious = failsUpwards ? Math.min(1, pooled + margin) : Math.max(0, pooled - margin);
    if (stableTrials < RUN_ESTIMATE_MIN) {
      return cautious;
    }
    double run = (double) stableEvents / stableTrials;
    return failsUpwards ? Math.max(cautious, run) : Math.min(cautious, run);
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
