package io.relevo.core.analysis;

import io.relevo.core.testing.ManualClock;
import java.time.Duration;
import java.util.Random;

/**
 * Seeded trials of the default analysis, second by second: stable and canary answer binomially
 * drawn errors at their own rates, the canary at a share of the traffic, and the run measures once
 * a second until it ends, as the canary strategy drives it.
 */
final class DefaultAnalysisTrials {

  static final int STABLE = 1;
  static final int CANARY = 2;

  /** How one run ended, and after how many seconds of canary traffic. */
  record Outcome(AnalysisState state, int seconds, String reason) {}

  private final Random random;
  private final ManualClock clock = new ManualClock();
  private final Traffic traffic = new Traffic();

  DefaultAnalysisTrials(long seed) {
    this.random = new Random(seed);
  }

  /** Stable alone for {@code seconds} at {@code rps} and {@code errorRate}: its recent history. */
  StableHistory history(int seconds, int rps, double errorRate) {
    var before = traffic.snapshot(STABLE);
    for (int s = 0; s < seconds; s++) {
      traffic.serve(STABLE, rps, errors(rps, errorRate), 20_000);
    }
    return StableHistory.between(before, traffic.snapshot(STABLE), Duration.ofSeconds(seconds));
  }

  /**
   * One run of the default analysis with the canary at {@code weight}% of {@code rps}, until it
   * ends or {@code maxSeconds} pass (then it is stopped, as a watch's time running out stops it).
   */
  Outcome run(
      StableHistory history,
      int rps,
      int weight,
      double stableErrors,
      double canaryErrors,
      int maxSeconds) {
    AnalysisRun run =
        AnalysisRun.start(
            AnalysisTemplate.defaults(),
            traffic.source(),
            "alojamientos",
            CANARY,
            STABLE,
            history,
            clock);
    int seconds = 0;
    double canaryCarry = 0;
    double stableCarry = 0;
    while (run.state() == AnalysisState.RUNNING && seconds < maxSeconds) {
      seconds++;
      canaryCarry += rps * weight / 100.0;
      stableCarry += rps * (100 - weight) / 100.0;
      int canary = (int) canaryCarry;
      int stable = (int) stableCarry;
      canaryCarry -= canary;
      stableCarry -= stable;
      traffic.serve(STABLE, stable, errors(stable, stableErrors), 20_000);
      traffic.serve(CANARY, canary, errors(canary, canaryErrors), 20_000);
      clock.advance(Duration.ofSeconds(1));
      run.measure();
    }
    run.stop();
    return new Outcome(run.state(), seconds, run.reason());
  }

  private int errors(int requests, double rate) {
    int errors = 0;
    for (int i = 0; i < requests; i++) {
      if (random.nextDouble() < rate) {
        errors++;
      }
    }
    return errors;
  }
}
