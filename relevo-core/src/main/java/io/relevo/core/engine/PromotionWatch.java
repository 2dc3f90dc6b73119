package io.relevo.core.engine;

import io.relevo.core.analysis.AnalysisRun;
import io.relevo.core.analysis.AnalysisState;
import io.relevo.core.analysis.AnalysisTemplate;
import io.relevo.core.analysis.InconclusivePolicy;
import io.relevo.core.analysis.Measurement;
import io.relevo.core.analysis.StableHistory;
import io.relevo.core.config.Durations;
import io.relevo.core.config.StrategyConfig;
import io.relevo.core.store.Revision;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps judging a newly promoted revision for exactly {@code rollback.watch_after_promotion}, every
 * analysis interval, against the previous revision's traffic before the switch (that revision stays
 * warm meanwhile). The agent's housekeeping polls it; a failure rolls back by switching. Its start
 * and its end are events of the deploy that promoted the revision.
 */
final class PromotionWatch {

  final long rolloutId;
  final Revision promoted;
  final Revision previous;
  private final AnalysisRun run;
  private final Instant until;
  private final Runnable verify;
  private String verifyFailure;
  private Instant next;
  private String lastVerdict = "no measurement yet";

  private PromotionWatch(
      long rolloutId,
      Revision promoted,
      Revision previous,
      AnalysisRun run,
      Instant until,
      Instant next,
      Runnable verify) {
    this.rolloutId = rolloutId;
    this.verify = verify;
    this.promoted = promoted;
    this.previous = previous;
    this.run = run;
    this.until = until;
    this.next = next;
  }

  /**
   * A watch of {@code promoted} until {@code until}, or empty when there is nothing to watch
   * against: no previous revision still running, or one that never took traffic.
   *
   * @param reference the previous revision's traffic before the switch
   */
  static Optional<PromotionWatch> start(
      LiveApp app,
      long rolloutId,
      Revision promoted,
      Revision previous,
      StableHistory reference,
      Instant until,
      EngineParts parts) {
    if (previous == null
        || !until.isAfter(parts.clock().instant())
        || !app.instances.containsKey(previous.number())
        || reference.requests() == 0) {
      return Optional.empty();
    }
    AnalysisTemplate template = watchTemplate(app);
    AnalysisRun run =
        AnalysisRun.start(
                template,
                parts.metrics(),
                app.name,
                promoted.number(),
                previous.number(),
                reference,
                parts.clock())
            .observedBy(parts.analysisObserver())
            .queryingWith(parts.promql());
    Instant next = parts.clock().instant().plus(template.interval());
    PromotionWatch[] watch = new PromotionWatch[1];
    VerifyStage stage = new VerifyStage(parts.smoke());
    RolloutLog log = new RolloutLog(rolloutId, parts, RolloutListener.none(), app.config);
    Runnable verify =
        () ->
            stage
                .duringWatch(app.config.listen(), app.config.verify(), log)
                .ifPresent(failure -> watch[0].verifyFailure = failure);
    watch[0] = new PromotionWatch(rolloutId, promoted, previous, run, until, next, verify);
    return Optional.of(watch[0]);
  }

  /**
   * The canary's first analysis (or {@code default}), run until the watch's time is up: no count to
   * reach, and no pause for thin traffic, because the watch ends at its time whatever happens.
   */
  private static AnalysisTemplate watchTemplate(LiveApp app) {
    AnalysisTemplate t = app.config.analysis().get(analysisName(app));
    return new AnalysisTemplate(
        "watch",
        t.interval(),
        0,
        t.failureLimit(),
        t.minRequests(),
        InconclusivePolicy.pauseAfter(Integer.MAX_VALUE),
        t.consecutiveErrorLimit(),
        t.judge(),
        t.metrics());
  }

  private static String analysisName(LiveApp app) {
    if (app.config.strategy() instanceof StrategyConfig.Canary canary) {
      for (StrategyConfig.CanaryStep step : canary.steps()) {
        if (step instanceof StrategyConfig.CanaryStep.RunAnalysis analysis) {
          return analysis.analysis();
        }
      }
    }
    return "default";
  }

  /** When the watch ends. */
  Instant until() {
    return until;
  }

  /**
   * Measures, and sends the {@code verify} checks to the front door, when due; at the end of the
   * watch's time stops the run. Returns the run's state afterwards: RUNNING while the watch goes
   * on; FAILED or ERROR when the promoted revision misbehaves; PASSED or INCONCLUSIVE when the time
   * is up without a failure.
   */
  AnalysisState poll(Instant now) {
    if (verifyFailure != null) {
      return AnalysisState.FAILED;
    }
    if (run.state() == AnalysisState.RUNNING && !now.isBefore(next)) {
      next = now.plus(run.template().interval());
      verify.run();
      if (verifyFailure != null) {
        lastVerdict = verifyFailure;
        return AnalysisState.FAILED;
      }
      Measurement measurement = run.measure();
      lastVerdict =
          measurement.verdict().name().toLowerCase(java.util.Locale.ROOT)
              + " at "
              + measurement.at()
              + (measurement.metrics().isEmpty()
                  ? ""
                  : ": " + measurement.metrics().getFirst().describe());
    }
    if (run.state() == AnalysisState.RUNNING && !now.isBefore(until)) {
      run.stop();
    }
    return run.state();
  }

  /** Why the watch ended as it did, with the evidence. */
  String verdict() {
    if (verifyFailure != null) {
      return "revision " + promoted.label() + " failed the watch after promotion: " + verifyFailure;
    }
    return switch (run.state()) {
      case FAILED, ERROR ->
          "revision " + promoted.label() + " failed the watch after promotion: " + run.reason();
      case PASSED ->
          "revision "
              + promoted.label()
              + " passed the watch after promotion ("
              + run.reason()
              + ")";
      case INCONCLUSIVE ->
          "the watch of revision "
              + promoted.label()
              + " ended without enough traffic to judge it ("
              + run.reason()
              + ")";
      case RUNNING -> "watching revision " + promoted.label() + " until " + until;
    };
  }

  AppStatus.Watch view(Instant now) {
    Duration left = now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    return new AppStatus.Watch(
        promoted.number(),
        promoted.version(),
        previous.number(),
        until,
        Durations.format(left.withNanos(0)),
        lastVerdict);
  }
}
