package io.relevo.bench;

import java.util.List;

/** What {@link RollbackSpeed} measures, as {@link Report} prints it. */
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

  /** One bad canary's rollout under default analysis. */
  record Detection(
      String canary,
      int run,
      String outcome,
      double exposedSeconds,
      int measurements,
      long requests,
      long failed,
      long exposedRequests,
      long exposedFailed,
      long canaryAnswers,
      double lastCanarySendAfterAbortMillis,
      String reason) {}

  record Result(
      List<Abort> aborts,
      List<Detection> detections,
      String abortSteps,
      int abortRate,
      int detectionRate,
      int clients,
      String appCommand) {}
}
