package io.relevo.core.analysis;

/** Where an {@link AnalysisRun} is. Every state but {@code RUNNING} is final. */
public enum AnalysisState {
  /** Measuring; call {@link AnalysisRun#measure()} every interval. */
  RUNNING,
  /** Enough measurements passed: continue the rollout. */
  PASSED,
  /**
   * More failed measurements than {@code failure_limit}, or inconclusive with policy FAIL: abort.
   */
  FAILED,
  /**
   * Too many inconclusive measurements with policy PAUSE: pause for a human to promote or abort.
   */
  INCONCLUSIVE,
  /** More consecutive errors than {@code consecutive_error_limit}: the canary cannot be judged. */
  ERROR;

  public boolean isFinal() {
    return this != RUNNING;
  }
}
