package io.relevo.core.analysis;

import io.relevo.core.Plural;
import java.util.List;
import java.util.Optional;

/**
 * Counts an {@link AnalysisRun}'s verdicts and decides, by its template's limits, when the run
 * ends: {@code failure_limit}, the inconclusive limit and its policy, {@code
 * consecutive_error_limit} and {@code count}. Not thread-safe: the run holds it under its lock.
 */
final class VerdictTally {

  /** How a run ends: its final state and why, without the analysis' name. */
  record Ending(AnalysisState state, String why) {}

  private final AnalysisTemplate template;
  private int passed;
  private int failed;
  private int inconclusive;
  private int consecutiveErrors;

  VerdictTally(AnalysisTemplate template) {
    this.template = template;
  }

  /** Adds decided measurements from an earlier run of the same analysis. */
  void countEarlier(int passedBefore, int failedBefore) {
    if (passedBefore < 0 || failedBefore < 0) {
      throw new IllegalArgumentException(
          "passedBefore, failedBefore: "
              + passedBefore
              + ", "
              + failedBefore
              + " (expected: >= 0)");
    }
    passed += passedBefore;
    failed += failedBefore;
  }

  int passed() {
    return passed;
  }

  int failed() {
    return failed;
  }

  /** Counts {@code latest}, the run's newest measurement; the ending it brings, if any. */
  Optional<Ending> count(Measurement latest) {
    Optional<Ending> ending =
        switch (latest.verdict()) {
          case PASS -> {
            passed++;
            inconclusive = 0;
            consecutiveErrors = 0;
            yield Optional.empty();
          }
          case FAIL -> {
            failed++;
            inconclusive = 0;
            consecutiveErrors = 0;
            yield failed > template.failureLimit()
                ? ending(
                    AnalysisState.FAILED,
                    "failed: "
                        + Plural.count(failed, "failed measurement")
                        + " (failure limit "
                        + template.failureLimit()
                        + ")"
                        + evidenceOf(latest))
                : Optional.empty();
          }
          case INCONCLUSIVE -> {
            inconclusive++;
            consecutiveErrors = 0;
            yield inconclusive > template.inconclusive().limit()
                ? Optional.of(tooManyInconclusive(latest))
                : Optional.empty();
          }
          case ERROR -> {
            consecutiveErrors++;
            yield consecutiveErrors > template.consecutiveErrorLimit()
                ? ending(
                    AnalysisState.ERROR,
                    "could not measure: "
                        + consecutiveErrors
                        + " errors in a row (consecutive error limit "
                        + template.consecutiveErrorLimit()
                        + ")"
                        + evidenceOf(latest))
                : Optional.empty();
          }
        };
    if (ending.isEmpty() && template.count() > 0 && passed + failed >= template.count()) {
      return ending(
          AnalysisState.PASSED,
          "passed: "
              + Plural.count(passed + failed, "measurement")
              + " decided, "
              + failed
              + " failed (failure limit "
              + template.failureLimit()
              + ")");
    }
    return ending;
  }

  /**
   * How a run that is stopped ends after {@code measurements}: FAILED when the latest one looks
   * bad, PASSED when any was decided, INCONCLUSIVE otherwise.
   */
  Ending stopped(List<Measurement> measurements) {
    String tally =
        "stopped after "
            + Plural.count(measurements.size(), "measurement")
            + ", "
            + failed
            + " failed";
    Optional<MetricEvidence> looksBad =
        measurements.isEmpty() ? Optional.empty() : looksBad(measurements.getLast());
    if (looksBad.isPresent()) {
      return new Ending(
          AnalysisState.FAILED, tally + "; inconclusive, but " + looksBad.get().describe());
    }
    return new Ending(
        passed + failed > 0 ? AnalysisState.PASSED : AnalysisState.INCONCLUSIVE, tally);
  }

  private Ending tooManyInconclusive(Measurement latest) {
    InconclusivePolicy policy = template.inconclusive();
    String why =
        "inconclusive: "
            + Plural.count(inconclusive, "measurement")
            + " in a row without enough evidence (limit "
            + policy.limit()
            + ")";
    Optional<MetricEvidence> looksBad = looksBad(latest);
    if (looksBad.isPresent()) {
      // A thin canary is never left holding a share while it looks far worse than stable.
      return new Ending(
          AnalysisState.FAILED, why + ", and the canary looks worse: " + looksBad.get().describe());
    }
    boolean pause = policy.then() == InconclusivePolicy.Action.PAUSE;
    return new Ending(
        pause ? AnalysisState.INCONCLUSIVE : AnalysisState.FAILED,
        why + (pause ? ", waiting for promote or abort" : "") + evidenceOf(latest));
  }

  /**
   * A metric of {@code latest} that was inconclusive but whose values already meet its {@code
   * fail_if}; empty when none does.
   */
  private Optional<MetricEvidence> looksBad(Measurement latest) {
    for (int i = 0; i < latest.metrics().size() && i < template.metrics().size(); i++) {
      MetricEvidence evidence = latest.metrics().get(i);
      Condition failIf = template.metrics().get(i).failIf();
      if (evidence.verdict() == Verdict.INCONCLUSIVE
          && evidence.canaryRequests() > 0
          && failIf.evaluate(evidence.canary(), evidence.stable())) {
        return Optional.of(evidence);
      }
    }
    return Optional.empty();
  }

  private static Optional<Ending> ending(AnalysisState state, String why) {
    return Optional.of(new Ending(state, why));
  }

  private static String evidenceOf(Measurement m) {
    List<MetricEvidence> deciding = m.metrics(m.verdict());
    return deciding.isEmpty() ? "" : "; " + deciding.getFirst().describe();
  }
}
