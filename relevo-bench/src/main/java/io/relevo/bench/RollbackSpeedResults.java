package io.relevo.bench;

import java.util.List;

/** What {@link RollbackSpeed} measures, as {@link RollbackReport} prints it. */
final class RollbackSpeedResults {

  private RollbackSpeedResults() {}

  /** One abort: milliseconds from the abort call. */
  record Abort(
      int run,
      double toAbortEventMillis,
      double toLastCanarySendMillis,
      long canaryAnswers,
      long failed,
      String outcome) {}

  /** How a canary's rollout under the default analysis ended, as far as the benchmark can tell. */
  enum Ending {
    /** relevo put all traffic back on stable by itself. */
    ROLLED_BACK,
    /** relevo gave the canary all traffic. */
    PROMOTED,
    /** Refused before the canary took any traffic (it did not start, or failed readiness). */
    REFUSED,
    /** Not decided within the bound: the benchmark aborted it. */
    UNDECIDED
  }

  /**
   * One canary's rollout under the default analysis. Exposure: from the canary's first share of
   * traffic to traffic fully back on stable, or to its promotion, or to the bound.
   *
   * @param exposedSeconds NaN when the canary never took traffic
   * @param exposedRequests requests sent during the exposure, to either revision
   * @param exposedFailed those that failed (non-2xx or no answer)
   * @param lastCanarySendAfterEndMillis send time of the last request the canary answered, from the
   *     end of the exposure; negative when it was sent before
   * @param reason why it ended so: the rollout's outcome reason, first line
   * @param analyses which analyses judged it, from its events ({@link AnalysisSeen})
   */
  record CanaryRun(
      CanaryKind kind,
      int run,
      String version,
      Ending ending,
      double exposedSeconds,
      long exposedRequests,
      long exposedFailed,
      long canaryAnswers,
      double lastCanarySendAfterEndMillis,
      String reason,
      List<AnalysisSeen> analyses) {

    double failedShare() {
      return exposedRequests == 0 ? Double.NaN : (double) exposedFailed / exposedRequests;
    }

    /** Rolled back when bad, promoted when good. */
    boolean asExpected() {
      return ending == (kind.bad() ? Ending.ROLLED_BACK : Ending.PROMOTED);
    }

    /** What happened, in capitals when it is not what should have. */
    String result(long boundSeconds) {
      return switch (ending) {
        case ROLLED_BACK -> kind.bad() ? "rolled back" : "FALSE ROLLBACK";
        case PROMOTED -> kind.bad() ? "MISSED: promoted" : "promoted";
        case REFUSED -> "REFUSED before taking traffic";
        case UNDECIDED ->
            (kind.bad() ? "NOT ROLLED BACK" : "NOT PROMOTED") + " within " + boundSeconds + " s";
      };
    }

    /** Measurements of every analysis that judged it. */
    long measurements() {
      return analyses.stream().mapToLong(AnalysisSeen::measurements).sum();
    }
  }

  record Result(
      List<Abort> aborts,
      List<CanaryRun> canaries,
      String abortSteps,
      int abortRate,
      int canaryRate,
      int clients,
      long boundSeconds,
      String appCommand) {}
}
