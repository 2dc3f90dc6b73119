package io.relevo.core.config;

import java.time.Duration;
import java.util.List;

/** How traffic moves from the stable revision to a new one. */
public sealed interface StrategyConfig {

  /** Start beside stable, check, switch all traffic at once. The default. */
  record BlueGreen() implements StrategyConfig {}

  /**
   * Ordered steps of weight, pause and analysis; after the last step the canary takes all traffic.
   *
   * @param steps at least one
   * @param backgroundAnalysis an analysis that runs for the whole rollout, or null
   * @param sticky whether a user who got the canary keeps getting it (and one who got stable keeps
   *     stable) for the rollout, through a cookie the proxy sets; default false
   */
  record Canary(List<CanaryStep> steps, String backgroundAnalysis, boolean sticky)
      implements StrategyConfig {

    public Canary(List<CanaryStep> steps, String backgroundAnalysis) {
      this(steps, backgroundAnalysis, false);
    }

    public Canary {
      steps = List.copyOf(steps);
      if (steps.isEmpty()) {
        throw new IllegalArgumentException("steps: none (expected: at least one)");
      }
    }

    /** The runbooks' ramp: 10 → 25 → 50 → 100 %, with the default analysis after each step. */
    public static Canary defaults() {
      return new Canary(
          List.of(
              new CanaryStep.SetWeight(10),
              new CanaryStep.RunAnalysis("default"),
              new CanaryStep.SetWeight(25),
              new CanaryStep.RunAnalysis("default"),
              new CanaryStep.SetWeight(50),
              new CanaryStep.RunAnalysis("default"),
              new CanaryStep.SetWeight(100)),
          null);
    }
  }

  /** One step of a canary. */
  sealed interface CanaryStep {

    /** Send {@code weight} percent of requests to the canary. */
    record SetWeight(int weight) implements CanaryStep {
      public SetWeight {
        if (weight < 0 || weight > 100) {
          throw new IllegalArgumentException("weight: " + weight + " (expected: 0..100)");
        }
      }
    }

    /** Wait; a null duration waits for {@code relevo promote}. */
    record Pause(Duration duration) implements CanaryStep {}

    /** Run the named analysis; go on only if it passes. */
    record RunAnalysis(String analysis) implements CanaryStep {}
  }
}
