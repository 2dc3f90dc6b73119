package io.relevo.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AnalysisRunTest {

  private static final int STABLE = 1;
  private static final int CANARY = 2;
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  private final ManualClock clock = new ManualClock();
  private final Traffic traffic = new Traffic();

  private static AnalysisTemplate template(
      int count, int failureLimit, InconclusivePolicy policy, int errorLimit) {
    AnalysisTemplate defaults = AnalysisTemplate.thresholdDefaults();
    return new AnalysisTemplate(
        "default",
        INTERVAL,
        count,
        failureLimit,
        50,
        policy,
        errorLimit,
        Judge.threshold(),
        defaults.metrics());
  }

  private AnalysisRun start(AnalysisTemplate template) {
    return start(template, traffic.source());
  }

  private AnalysisRun start(AnalysisTemplate template, MetricsSource source) {
    return AnalysisRun.start(template, source, "alojamientos", CANARY, STABLE, clock);
  }

  /** One interval of traffic at 10% canary weight; latencies in microseconds. */
  private Measurement interval(AnalysisRun run, int canaryErrors, long canaryMicros) {
    traffic.serve(STABLE, 900, 9, 20_000).serve(CANARY, 100, canaryErrors, canaryMicros);
    clock.advance(INTERVAL);
    return run.measure();
  }

  @Test
  void aCanaryAsGoodAsStablePassesOnceCountMeasurementsAreDecided() {
    AnalysisRun run = start(AnalysisTemplate.thresholdDefaults());

    assertThat(interval(run, 1, 20_000).verdict()).isEqualTo(Verdict.PASS);
    assertThat(interval(run, 1, 20_000).verdict()).isEqualTo(Verdict.PASS);
    assertThat(run.state()).isEqualTo(AnalysisState.RUNNING);
    assertThat(interval(run, 1, 20_000).verdict()).isEqualTo(Verdict.PASS);

    assertThat(run.state()).isEqualTo(AnalysisState.PASSED);
    assertThat(run.reason())
        .isEqualTo("analysis default passed: 3 measurements decided, 0 failed (failure limit 1)");
  }

  @Test
  void aCanaryWithMoreErrorsFailsWhenFailuresExceedTheFailureLimitWithTheEvidence() {
    AnalysisRun run = start(AnalysisTemplate.thresholdDefaults());

    Measurement first = interval(run, 20, 20_000);
    assertThat(first.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(run.state())
        .as("one failure is within failure_limit 1")
        .isEqualTo(AnalysisState.RUNNING);
    interval(run, 20, 20_000);

    assertThat(run.state()).isEqualTo(AnalysisState.FAILED);
    assertThat(run.reason())
        .isEqualTo(
            "analysis default failed: 2 failed measurements (failure"
                + " limit 1); error-rate: canary 20.0% vs stable 1.0% (fail if canary - stable > 0.05)"
                + " over 10s, 100 vs 900 requests");
    assertThat(first.metrics(Verdict.FAIL))
        .extracting(MetricEvidence::name)
        .containsExactly("error-rate", "availability");
    assertThat(first.metrics(Verdict.PASS)).extracting(MetricEvidence::name).containsExactly("p95");
  }

  @Test
  void aCanaryMoreThanThreeSecondsSlowerAtP95Fails() {
    AnalysisRun run = start(template(3, 0, InconclusivePolicy.pauseAfter(3), 4));

    Measurement m = interval(run, 1, 4_500_000);

    assertThat(run.state()).isEqualTo(AnalysisState.FAILED);
    assertThat(m.metrics(Verdict.FAIL)).extracting(MetricEvidence::name).containsExactly("p95");
    assertThat(m.metrics(Verdict.FAIL).getFirst().describe())
        .startsWith("p95: canary 4.")
        .contains("vs stable 2");
  }

  @Test
  void anAbsoluteConditionIsJudgedWithoutStableTraffic() {
    AnalysisTemplate availability =
        new AnalysisTemplate(
            "idle-colour",
            INTERVAL,
            1,
            0,
            50,
            InconclusivePolicy.pauseAfter(3),
            4,
            Judge.threshold(),
            List.of(MetricRule.of("availability", "availability", "canary < 0.95")));
    AnalysisRun run = start(availability);
    traffic.serve(CANARY, 90, 0, 20_000).connectFailures(CANARY, 10);
    clock.advance(INTERVAL);

    Measurement m = run.measure();

    assertThat(m.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(m.metrics().getFirst().describe())
        .isEqualTo(
            "availability: canary 90.0% vs stable"
                + " 100.0% (fail if canary < 0.95) over 10s, 100 vs 0 requests");
  }

  @Test
  void tooFewRequestsIsInconclusiveAndTheWindowGrowsUntilItHasEnough() {
    AnalysisRun run = start(AnalysisTemplate.thresholdDefaults());

    for (int i = 0; i < 2; i++) {
      traffic.serve(STABLE, 900, 9, 20_000).serve(CANARY, 20, 0, 20_000);
      clock.advance(INTERVAL);
      Measurement thin = run.measure();
      assertThat(thin.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
      assertThat(thin.metrics().getFirst().detail())
          .as("the window grows")
          .isEqualTo(
              "fewer than 50 requests to judge (canary "
                  + 20 * (i + 1)
                  + ", stable "
                  + 900 * (i + 1)
                  + ")");
    }
    traffic.serve(STABLE, 900, 9, 20_000).serve(CANARY, 20, 0, 20_000);
    clock.advance(INTERVAL);
    Measurement enough = run.measure();

    assertThat(enough.verdict()).isEqualTo(Verdict.PASS);
    assertThat(enough.window()).isEqualTo(Duration.ofSeconds(30));
    assertThat(enough.metrics().getFirst().canaryRequests()).isEqualTo(60);
    assertThat(run.state()).isEqualTo(AnalysisState.RUNNING);
  }

  @Test
  void inconclusiveMeasurementsPastTheLimitPauseForAHumanUnderThePausePolicy() {
    AnalysisRun run = start(template(3, 1, InconclusivePolicy.pauseAfter(2), 4));

    for (int i = 0; i < 3; i++) {
      clock.advance(INTERVAL);
      run.measure();
    }

    assertThat(run.state()).isEqualTo(AnalysisState.INCONCLUSIVE);
    assertThat(run.reason())
        .startsWith(
            "analysis default inconclusive: 3 measurements in a row without enough evidence"
                + " (limit 2), waiting for promote or abort; error-rate: ");
  }

  @Test
  void inconclusiveMeasurementsPastTheLimitFailTheRunUnderTheFailPolicy() {
    AnalysisRun run = start(template(3, 1, InconclusivePolicy.failAfter(0), 4));
    clock.advance(INTERVAL);

    run.measure();

    assertThat(run.state()).isEqualTo(AnalysisState.FAILED);
    assertThat(run.reason())
        .startsWith(
            "analysis default inconclusive: 1 measurement in a row without enough evidence"
                + " (limit 0); ");
  }

  @Test
  void aThinCanaryThatAlreadyLooksWorseFailsAtTheInconclusiveLimitInsteadOfPausing() {
    AnalysisRun run = start(template(3, 1, InconclusivePolicy.pauseAfter(2), 4));

    for (int i = 0; i < 3; i++) {
      traffic.serve(STABLE, 900, 9, 20_000).serve(CANARY, 10, 10, 20_000);
      clock.advance(INTERVAL);
      run.measure();
    }

    assertThat(run.state()).isEqualTo(AnalysisState.FAILED);
    assertThat(run.reason())
        .startsWith(
            "analysis default inconclusive: 3 measurements in a row without enough evidence"
                + " (limit 2), and the canary looks worse: error-rate: canary 100.0% vs stable"
                + " 1.0%");
  }

  @Test
  void aMetricsSourceThatKeepsFailingEndsTheRunInErrorPastTheConsecutiveErrorLimit() {
    AtomicInteger reads = new AtomicInteger();
    MetricsSource flaky =
        (app, revision) -> {
          if (reads.incrementAndGet() > 2) { // the baseline reads work, then the proxy is gone
            throw new IllegalStateException("connection refused");
          }
          return traffic.snapshot(revision);
        };
    AnalysisRun run = start(template(3, 1, InconclusivePolicy.pauseAfter(3), 2), flaky);

    for (int i = 0; i < 2; i++) {
      clock.advance(INTERVAL);
      assertThat(run.measure().verdict()).isEqualTo(Verdict.ERROR);
      assertThat(run.state()).isEqualTo(AnalysisState.RUNNING);
    }
    clock.advance(INTERVAL);
    Measurement third = run.measure();

    assertThat(run.state()).isEqualTo(AnalysisState.ERROR);
    assertThat(third.metrics().getFirst().detail())
        .isEqualTo("reading revision 2 of alojamientos failed: connection refused");
    assertThat(run.reason())
        .startsWith(
            "analysis default could not measure: 3 errors in a row"
                + " (consecutive error limit 2); error-rate: no values");
  }

  @Test
  void aSuccessfulMeasurementResetsTheConsecutiveErrors() {
    AtomicBoolean down = new AtomicBoolean();
    MetricsSource everyOtherFails =
        (app, revision) -> {
          if (down.get()) {
            throw new IllegalStateException("timeout");
          }
          return traffic.snapshot(revision);
        };
    AnalysisRun run = start(template(0, 1, InconclusivePolicy.pauseAfter(10), 1), everyOtherFails);

    for (int i = 0; i < 5; i++) {
      traffic.serve(STABLE, 900, 9, 20_000).serve(CANARY, 100, 1, 20_000);
      clock.advance(INTERVAL);
      down.set(i % 2 == 0); // measurements 1, 3, 5 fail; 2 and 4 succeed
      run.measure();
    }

    assertThat(run.measurements())
        .extracting(Measurement::verdict)
        .containsExactly(Verdict.ERROR, Verdict.PASS, Verdict.ERROR, Verdict.PASS, Verdict.ERROR);
    assertThat(run.state()).isEqualTo(AnalysisState.RUNNING);
  }

  @Test
  void aBaselineThatCannotBeReadCountsAsAnErrorAndTheNextReadStartsTheWindow() {
    AtomicInteger reads = new AtomicInteger();
    MetricsSource lateSource =
        (app, revision) -> {
          if (reads.incrementAndGet() == 1) {
            throw new IllegalStateException("not ready");
          }
          return traffic.snapshot(revision);
        };
    AnalysisRun run = start(AnalysisTemplate.thresholdDefaults(), lateSource);
    assertThat(run.measurements()).extracting(Measurement::verdict).containsExactly(Verdict.ERROR);

    Measurement second = interval(run, 0, 20_000);
    Measurement third = interval(run, 0, 20_000);

    assertThat(second.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(third.verdict()).isEqualTo(Verdict.PASS);
    assertThat(third.window()).isEqualTo(INTERVAL);
  }

  @Test
  void aBackgroundRunWithoutCountGoesOnUntilStopped() {
    AnalysisRun run = start(template(0, 1, InconclusivePolicy.pauseAfter(3), 4));
    for (int i = 0; i < 10; i++) {
      interval(run, 1, 20_000);
    }
    assertThat(run.state()).isEqualTo(AnalysisState.RUNNING);

    run.stop();

    assertThat(run.state()).isEqualTo(AnalysisState.PASSED);
    assertThat(run.reason()).isEqualTo("analysis default stopped after 10 measurements, 0 failed");
  }

  @Test
  void aRunStoppedBeforeAnyDecidedMeasurementIsInconclusive() {
    AnalysisRun run = start(template(0, 1, InconclusivePolicy.pauseAfter(3), 4));

    run.stop();

    assertThat(run.state()).isEqualTo(AnalysisState.INCONCLUSIVE);
  }

  @Test
  void anEndedRunRefusesToMeasure() {
    AnalysisRun run = start(template(1, 0, InconclusivePolicy.pauseAfter(3), 4));
    interval(run, 1, 20_000);

    assertThatThrownBy(run::measure)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("analysis default is PASSED (expected: RUNNING; start a new run)");
  }

  @Test
  void requestsStillInFlightCountAgainstALatencyRuleBeforeTheyFinish() {
    var inFlight =
        new java.util.concurrent.atomic.AtomicReference<io.relevo.core.metrics.LatencyHistogram>(
            null);
    MetricsSource source =
        (app, revision) -> {
          var stats = traffic.snapshot(revision);
          if (revision != CANARY || inFlight.get() == null) {
            return stats;
          }
          return new io.relevo.core.metrics.RevisionStats(
              stats.requests(),
              stats.status2xx(),
              stats.status3xx(),
              stats.status4xx(),
              stats.status5xx(),
              stats.connectFailures(),
              stats.timeouts(),
              stats.latency(),
              stats.histogram(),
              0,
              inFlight.get());
        };
    AnalysisRun run = start(AnalysisTemplate.defaults(), source);

    // The canary answered nothing yet: all its 10 requests have been waiting for 4 s.
    traffic.serve(STABLE, 900, 0, 20_000);
    inFlight.set(
        io.relevo.core.metrics.LatencyHistogram.standard(
            10, micros -> micros >= 4_000_000 ? 10 : 0));
    clock.advance(Duration.ofSeconds(4));
    Measurement measurement = run.measure();

    MetricEvidence p95 = measurement.metrics().get(1);
    assertThat(p95.name()).isEqualTo("p95");
    assertThat(p95.canary()).isGreaterThan(3.5);
    assertThat(p95.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(run.state()).isEqualTo(AnalysisState.FAILED);
  }
}
