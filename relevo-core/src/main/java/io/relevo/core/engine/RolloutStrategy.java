package io.relevo.core.engine;

/**
 * How traffic moves to a new revision that is already running, ready and smoke-tested. One class
 * per strategy; each run gets its own {@link Rollout} and keeps no state of its own.
 */
interface RolloutStrategy {

  /** The name history records: {@code bluegreen}, {@code canary}. */
  String name();

  /**
   * Moves traffic. Throws {@link StepFailed} when the new revision must not take (more) traffic;
   * the engine then puts all traffic back on the stable revision.
   */
  void shift(Rollout rollout) throws StepFailed, InterruptedException;
}
