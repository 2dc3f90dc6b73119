package io.relevo.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatisticalJudgeTest {

  private static final int STABLE = 1;
  private static final int CANARY = 2;
  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final int TRIALS = 100;

  /** 10 requests a second, 10% of them on the canary: 5 canary and 45 stable per interval. */
  private static final int CANARY_PER_INTERVAL = 5;

  private static final int STABLE_PER_INTERVAL = 45;

  /** 300 measurements: 25 minutes of traffic, 1,500 canary requests. */
  private static final int MEASUREMENTS = 300;

  private static AnalysisTemplate errorRate(Judge judge) {
    return new AnalysisTemplate(
        "statistical",
        INTERVAL,
        MEASUREMENTS,
        0,
        50,
        InconclusivePolicy.pauseAfter(MEASUREMENTS),
        4,
        judge,
        List.of(MetricRule.of("error-rate", "error_rate", "canary - stable > 0.05")));
  }

  /**
   * Runs one seeded rollout; returns the canary requests seen when it failed, or -1 if it passed.
   */
  private static long trial(long seed, double canaryErrorRate) {
    Random random = new Random(seed);
    ManualClock clock = new ManualClock();
    Traffic traffic = new Traffic();
    AnalysisRun run =
        AnalysisRun.start(
            errorRate(Judge.statistical()),
            traffic.source(),
            "alojamientos",
            CANARY,
            STABLE,
            clock);
    long canaryRequests = 0;
    while (run.state() == AnalysisState.RUNNING) {
      traffic.serve(STABLE, STABLE_PER_INTERVAL, errors(random, STABLE_PER_INTERVAL, 0.01), 20_000);
      traffic.serve(
          CANARY,
          CANARY_PER_INTERVAL,
          errors(random, CANARY_PER_INTERVAL, canaryErrorRate),
          20_000);
      canaryRequests += CANARY_PER_INTERVAL;
      clock.advance(INTERVAL);
      run.measure();
    }
    return run.state() == AnalysisState.FAILED ? canaryRequests : -1;
  }

  private static long errors(Random random, int requests, double rate) {
    long errors = 0;
    for (int i = 0; i < requests; i++) {
      if (random.nextDouble() < rate) {
        errors++;
      }
    }
    return errors;
  }

  @Test
  void aCanaryWithTheSameErrorRateAsStablePassesNinetyNineTrialsInAHundred() {
    int passed = 0;
    for (int seed = 0; seed < TRIALS; seed++) {
      if (trial(1000 + seed, 0.01) < 0) {
        passed++;
      }
    }
    System.out.printf(
        "statistical judge, canary 1%% vs stable 1%%: passed %d of %d%n", passed, TRIALS);
    assertThat(passed).isGreaterThanOrEqualTo(99);
  }

  @Test
  void aCanaryWithFivePointsMoreErrorsIsCaughtInNinetyFiveTrialsInAHundredAndEarly() {
    List<Long> needed = new ArrayList<>();
    for (int seed = 0; seed < TRIALS; seed++) {
      long requests = trial(2000 + seed, 0.06);
      if (requests >= 0) {
        needed.add(requests);
      }
    }
    needed.sort(null);
    long median = needed.isEmpty() ? -1 : needed.get(needed.size() / 2);
    System.out.printf(
        "statistical judge, canary 6%% vs stable 1%%: caught %d of %d, median %d"
            + " canary requests to decide (max %d)%n",
        needed.size(), TRIALS, median, needed.isEmpty() ? -1 : needed.getLast());
    assertThat(needed).hasSizeGreaterThanOrEqualTo(95);
  }

  @Test
  void aCanaryWithTwentyPercentErrorsFailsWithinTheFirstHundredRequests() {
    for (int seed = 0; seed < 20; seed++) {
      assertThat(trial(3000 + seed, 0.20)).isBetween(0L, 100L);
    }
  }

  @Test
  void aCanaryThatTurnsBadAfterAGoodHourIsStillCaughtWithinAFewHundredRequests() {
    List<Long> needed = new ArrayList<>();
    for (int seed = 0; seed < 20; seed++) {
      Random random = new Random(4000 + seed);
      ManualClock clock = new ManualClock();
      Traffic traffic = new Traffic();
      AnalysisTemplate background =
          new AnalysisTemplate(
              "background",
              INTERVAL,
              0,
              0,
              50,
              InconclusivePolicy.pauseAfter(1200),
              4,
              Judge.statistical(),
              errorRate(Judge.statistical()).metrics());
      AnalysisRun run =
          AnalysisRun.start(background, traffic.source(), "alojamientos", CANARY, STABLE, clock);
      long afterTurn = 0;
      for (int i = 0; i < 1200 && run.state() == AnalysisState.RUNNING; i++) {
        boolean bad = i >= 720; // one good hour (3,600 canary requests), then 6% errors
        traffic.serve(
            STABLE, STABLE_PER_INTERVAL, errors(random, STABLE_PER_INTERVAL, 0.01), 20_000);
        traffic.serve(
            CANARY,
            CANARY_PER_INTERVAL,
            errors(random, CANARY_PER_INTERVAL, bad ? 0.06 : 0.01),
            20_000);
        afterTurn += bad ? CANARY_PER_INTERVAL : 0;
        clock.advance(INTERVAL);
        run.measure();
      }
      assertThat(afterTurn)
          .as("seed %d ended %s before the canary turned bad", seed, run.reason())
          .isPositive();
      if (run.state() == AnalysisState.FAILED) {
        needed.add(afterTurn);
      }
    }
    needed.sort(null);
    System.out.printf(
        "statistical judge, canary turning 6%% after a good hour: caught %d of 20,"
            + " median %d canary requests after the turn%n",
        needed.size(), needed.get(needed.size() / 2));
    assertThat(needed).hasSizeGreaterThanOrEqualTo(19);
    assertThat(needed.get(needed.size() / 2)).isLessThan(300L);
  }

  @Test
  void aFailedMetricExplainsTheTestThatFailedIt() {
    ManualClock clock = new ManualClock();
    Traffic traffic = new Traffic();
    AnalysisRun run =
        AnalysisRun.start(
            errorRate(Judge.statistical()),
            traffic.source(),
            "alojamientos",
            CANARY,
            STABLE,
            clock);
    traffic.serve(STABLE, 900, 9, 20_000).serve(CANARY, 100, 20, 20_000);
    clock.advance(INTERVAL);

    Measurement m = run.measure();

    assertThat(m.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(m.metrics().getFirst().describe())
        .startsWith(
            "error-rate: canary 20.0% vs stable"
                + " 1.0% (fail if canary - stable > 0.05) over 5s, 100 vs 900 requests; sequential test:"
                + " log-likelihood ratio ");
  }

  @Test
  void aFewSlowRequestsDoNotFailLatencyButASlowerCanaryDoes() {
    AnalysisTemplate p95 =
        new AnalysisTemplate(
            "latency",
            INTERVAL,
            1,
            0,
            50,
            InconclusivePolicy.pauseAfter(3),
            4,
            Judge.statistical(),
            List.of(MetricRule.of("p95", "latency_p95", "canary - stable > 3s")));
    Random random = new Random(7);

    // 60 canary requests, 4 of them unlucky at 5 s: p95 is 5 s, above stable by more than 3 s.
    Traffic unlucky = spread(new Traffic(), random, STABLE, 900, 0);
    spread(unlucky, random, CANARY, 56, 0).serve(CANARY, 4, 0, 5_000_000);
    Measurement few = measureOnce(p95, unlucky);
    assertThat(few.metrics().getFirst().canary()).isGreaterThan(3.0);
    assertThat(few.verdict()).as(few.toString()).isEqualTo(Verdict.PASS);
    assertThat(measureOnce(p95.withJudge(Judge.threshold()), unlucky).verdict())
        .as("the threshold judge fails the same window")
        .isEqualTo(Verdict.FAIL);

    Traffic slower = spread(new Traffic(), random, STABLE, 900, 0);
    spread(slower, random, CANARY, 60, 4_000_000);
    Measurement slow = measureOnce(p95, slower);
    assertThat(slow.verdict()).as(slow.toString()).isEqualTo(Verdict.FAIL);
    assertThat(slow.metrics().getFirst().detail()).startsWith("Mann-Whitney U: canary slower");
  }

  /** {@code requests} with latencies spread from 50 to 250 ms, plus {@code extraMicros}. */
  private static Traffic spread(
      Traffic traffic, Random random, int revision, int requests, long extraMicros) {
    for (int i = 0; i < requests; i++) {
      traffic.serve(revision, 1, 0, 50_000 + random.nextInt(200_000) + extraMicros);
    }
    return traffic;
  }

  /** One measurement of {@code traffic}, all of it inside the window. */
  private static Measurement measureOnce(AnalysisTemplate template, Traffic traffic) {
    ManualClock clock = new ManualClock();
    boolean[] started = {false};
    AnalysisRun run =
        AnalysisRun.start(
            template,
            (app, revision) -> started[0] ? traffic.snapshot(revision) : RevisionStats.empty(),
            "alojamientos",
            CANARY,
            STABLE,
            clock);
    started[0] = true;
    clock.advance(INTERVAL);
    return run.measure();
  }
}
