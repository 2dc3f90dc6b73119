package io.relevo.core.analysis;

/** The outcome of judging one metric, or one whole measurement, once. */
public enum Verdict {
  /** The condition does not hold: the canary is acceptable on this evidence. */
  PASS,
  /** The condition holds (with the statistical judge: significantly): the canary is worse. */
  FAIL,
  /** Too few requests to judge ({@code min_requests} not met); neither pass nor fail. */
  INCONCLUSIVE,
  /** The value could not be taken, e.g. the metrics source threw. */
  ERROR
}
