package io.relevo.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a deploy under way stands, as history keeps it at every step so that an agent restart
 * resumes the rollout there (Argo Rollouts' reconcile: the state is in the record, not in a
 * thread).
 *
 * @param rolloutId the deploy
 * @param app the app
 * @param step the step under way, 0-based into the strategy's steps; the number of steps once they
 *     are all done and the switch is next
 * @param weight the canary's share of traffic now, in percent
 * @param phase what the step is doing
 * @param until when a {@link Phase#PAUSE} ends; null for a pause until {@code relevo promote}, and
 *     for every other phase
 * @param analysis the analysis an {@link Phase#ANALYSIS} runs; null for every other phase
 * @param passed the analysis' measurements that passed so far
 * @param failed the analysis' measurements that failed so far
 * @param at when this was written
 */
public record RolloutCheckpoint(
    long rolloutId,
    String app,
    int step,
    int weight,
    Phase phase,
    Instant until,
    String analysis,
    int passed,
    int failed,
    Instant at) {

  /** What the step under way is doing. */
  public enum Phase {
    /** Smoke checked, about to take the first step: no traffic moved yet. */
    READY,
    /** The step sets the canary's weight (done once the next checkpoint is written). */
    WEIGHT,
    /** Waiting: until {@code until}, or for {@code relevo promote} when it is null. */
    PAUSE,
    /** Judging the canary with {@code analysis}, {@code passed} and {@code failed} so far. */
    ANALYSIS,
    /** Every step is done (or promoted in full): the switch to 100% is next. */
    PROMOTING
  }

  public RolloutCheckpoint {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(at, "at");
    if (step < 0) {
      throw new IllegalArgumentException("step: " + step + " (expected: >= 0)");
    }
    if (weight < 0 || weight > 100) {
      throw new IllegalArgumentException("weight: " + weight + " (expected: 0..100)");
    }
    if (passed < 0 || failed < 0) {
      throw new IllegalArgumentException(
          "passed, failed: " + passed + ", " + failed + " (expected: >= 0)");
    }
    if (phase == Phase.ANALYSIS && (analysis == null || analysis.isBlank())) {
      throw new IllegalArgumentException("analysis: " + analysis + " (expected: a name)");
    }
  }

  /** The first checkpoint of a deploy: ready, no traffic moved. */
  public static RolloutCheckpoint ready(long rolloutId, String app, Instant at) {
    return new RolloutCheckpoint(rolloutId, app, 0, 0, Phase.READY, null, null, 0, 0, at);
  }
}
