package io.relevo.core.analysis;

/**
 * What a run does about measurements without enough evidence (too few requests, or a sequential
 * test that has not decided yet): keep waiting (the window grows meanwhile) for up to {@code limit}
 * of them in a row, then pause for a human or fail. A canary whose values already meet a metric's
 * {@code fail_if} fails instead of pausing.
 *
 * @param limit inconclusive measurements in a row tolerated, {@code >= 0}; a decided measurement
 *     starts the count again
 * @param then what happens when there is one more than {@code limit}
 */
public record InconclusivePolicy(int limit, Action then) {

  public enum Action {
    /** The run ends {@link AnalysisState#INCONCLUSIVE}; the rollout waits for promote or abort. */
    PAUSE,
    /** The run ends {@link AnalysisState#FAILED}; the rollout is rolled back. */
    FAIL
  }

  public InconclusivePolicy {
    if (limit < 0) {
      throw new IllegalArgumentException("inconclusive.limit: " + limit + " (expected: >= 0)");
    }
    if (then == null) {
      throw new IllegalArgumentException("inconclusive.then: null (expected: PAUSE or FAIL)");
    }
  }

  public static InconclusivePolicy pauseAfter(int limit) {
    return new InconclusivePolicy(limit, Action.PAUSE);
  }

  public static InconclusivePolicy failAfter(int limit) {
    return new InconclusivePolicy(limit, Action.FAIL);
  }
}
