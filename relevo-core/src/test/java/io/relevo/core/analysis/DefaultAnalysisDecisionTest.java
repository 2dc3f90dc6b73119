package io.relevo.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The default analysis as a decision procedure, over seeded trials: how often it fails a good
 * canary, and how fast it catches bad ones, at the traffic the issue names (100 requests a second,
 * the canary at 10%).
 */
class DefaultAnalysisDecisionTest {

  private static final int TRIALS = 1000;

  @Test
  void aCanaryAsGoodAsStableIsFailedAtMostOnceInAThousandTrialsOfTheWholeRamp() {
    int falseRollbacks = 0;
    int pauses = 0;
    for (int seed = 0; seed < TRIALS; seed++) {
      DefaultAnalysisTrials trials = new DefaultAnalysisTrials(seed);
      StableHistory history = trials.history(600, 100, 0.01);
      for (int weight : new int[] {10, 25, 50}) {
        var outcome = trials.run(history, 100, weight, 0.01, 0.01, 300);
        if (outcome.state() == AnalysisState.FAILED) {
          falseRollbacks++;
          break;
        }
        if (outcome.state() != AnalysisState.PASSED) {
          pauses++;
          break;
        }
      }
    }
    System.out.printf(
        "good canary, 1%% vs 1%%: %d false rollbacks, %d pauses in %d trials%n",
        falseRollbacks, pauses, TRIALS);
    assertThat(falseRollbacks).isLessThanOrEqualTo(1);
    assertThat(pauses).isLessThanOrEqualTo(10);
  }

  @Test
  void aCanaryAnsweringOnly5xxIsFailedWithinTwoSecondsInEveryTrial() {
    int slowest = 0;
    for (int seed = 0; seed < TRIALS; seed++) {
      DefaultAnalysisTrials trials = new DefaultAnalysisTrials(seed);
      var outcome = trials.run(trials.history(600, 100, 0.01), 100, 10, 0.01, 1.0, 60);
      assertThat(outcome.state())
          .as("seed %d: %s", seed, outcome.reason())
          .isEqualTo(AnalysisState.FAILED);
      slowest = Math.max(slowest, outcome.seconds());
    }
    System.out.println("100% 5xx canary at 10%: failed after at most " + slowest + " s");
    assertThat(slowest).isLessThanOrEqualTo(2);
  }

  @Test
  void aCanaryWithTwentyPercent5xxIsFailedWithinTwelveSecondsInEveryTrial() {
    int slowest = 0;
    for (int seed = 0; seed < TRIALS; seed++) {
      DefaultAnalysisTrials trials = new DefaultAnalysisTrials(seed);
      var outcome = trials.run(trials.history(600, 100, 0.01), 100, 10, 0.01, 0.2, 60);
      assertThat(outcome.state())
          .as("seed %d: %s", seed, outcome.reason())
          .isEqualTo(AnalysisState.FAILED);
      slowest = Math.max(slowest, outcome.seconds());
    }
    System.out.println("20% 5xx canary at 10%: failed after at most " + slowest + " s");
    assertThat(slowest).isLessThanOrEqualTo(12);
  }

  @Test
  void aCanaryWithTwentyPercent5xxIsFailedEvenWithoutStableHistory() {
    for (int seed = 0; seed < 100; seed++) {
      DefaultAnalysisTrials trials = new DefaultAnalysisTrials(seed);
      var outcome = trials.run(StableHistory.none(), 100, 10, 0.01, 0.2, 60);
      assertThat(outcome.state()).as("seed %d", seed).isEqualTo(AnalysisState.FAILED);
      assertThat(outcome.seconds()).as("seed %d", seed).isLessThanOrEqualTo(15);
    }
  }

  @Test
  void aGoodCanaryAfterAStableThatJustStartedIsFailedAtMostOnceInAThousandTrials() {
    int falseRollbacks = 0;
    for (int seed = 0; seed < TRIALS; seed++) {
      DefaultAnalysisTrials trials = new DefaultAnalysisTrials(seed);
      var outcome = trials.run(StableHistory.none(), 100, 10, 0.01, 0.01, 300);
      if (outcome.state() == AnalysisState.FAILED) {
        falseRollbacks++;
        System.out.println(
            "seed " + seed + " after " + outcome.seconds() + " s: " + outcome.reason());
      }
    }
    System.out.println("good canary, no stable history: " + falseRollbacks + " false rollbacks");
    assertThat(falseRollbacks).isLessThanOrEqualTo(1);
  }

  @Test
  void fiveFailuresInTheCanarysFirstFiveRequestsFailItWhenStableWasCleanForAnHour() {
    DefaultAnalysisTrials trials = new DefaultAnalysisTrials(1);
    StableHistory lastHour = trials.history(3600, 90, 0.001);

    // One canary request a second, all of them 5xx; stable keeps its 0.1%.
    var outcome = trials.run(lastHour, 10, 10, 0.001, 1.0, 60);

    assertThat(outcome.state()).isEqualTo(AnalysisState.FAILED);
    assertThat(outcome.seconds()).isEqualTo(5);
    assertThat(outcome.reason()).contains("error-rate: canary 100.0% vs stable 0.1%");
  }

  @Test
  void aThinCanaryThatFailsEveryRequestIsFailedNotLeftHoldingItsShare() {
    DefaultAnalysisTrials trials = new DefaultAnalysisTrials(1);

    // Two requests a second in all: the canary gets one every five seconds, stable the rest.
    var outcome = trials.run(StableHistory.none(), 2, 10, 0.0, 1.0, 600);

    assertThat(outcome.state()).as(outcome.reason()).isEqualTo(AnalysisState.FAILED);
    assertThat(outcome.reason()).contains("error-rate: canary 100.0% vs stable 0.0%");
    assertThat(outcome.seconds()).isLessThanOrEqualTo(61);
  }

  @Test
  void aThinCanaryThatLooksAsGoodAsStablePausesWithTheNumbersInsteadOfPassing() {
    DefaultAnalysisTrials trials = new DefaultAnalysisTrials(1);

    // A request every ten seconds: never the 5 canary requests a verdict needs.
    var outcome = trials.run(StableHistory.none(), 1, 1, 0.0, 0.0, 600);

    assertThat(outcome.state()).isEqualTo(AnalysisState.INCONCLUSIVE);
    assertThat(outcome.reason())
        .contains("in a row without enough evidence (limit 60), waiting for promote or abort")
        .contains("fewer than 5 canary requests to judge (0 so far, stable");
  }
}
