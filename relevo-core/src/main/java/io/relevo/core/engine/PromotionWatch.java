package io.relevo.core.engine;

import io.relevo.core.analysis.AnalysisRun;
import io.relevo.core.analysis.AnalysisState;
import io.relevo.core.analysis.AnalysisTemplate;
import io.relevo.core.config.StrategyConfig;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.store.Revision;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps judging a newly promoted revision for {@code rollback.watch_after_promotion}, against the
 * previous revision's traffic up to the switch (that revision stays warm meanwhile). The agent's
 * housekeeping polls it; a failure rolls back by switching.
 */
final class PromotionWatch {

  final Revision promoted;
  final Revision previous;
  private final AnalysisRun run;
  private final Instant until;
  private Instant next;

  private PromotionWatch(
      Revision promoted, Revision previous, AnalysisRun run, Instant until, Instant next) {
    this.promoted = promoted;
    this.previous = previous;
    this.run = run;
    this.until = until;
    this.next = next;
  }

  /** A watch for a promotion, or null when there is nothing to watch against. */
  static PromotionWatch after(
      LiveApp app, Revision promoted, Revision previous, EngineParts parts) {
    Duration length = app.config.rollback().watchAfterPromotion();
    if (previous == null || length.isZero() || !app.instances.containsKey(previous.number())) {
      return null;
    }
    RevisionStats baseline = parts.metrics().snapshot(app.name, previous.number());
    AnalysisTemplate template = app.config.analysis().get(analysisName(app));
    if (baseline.requests() < template.minRequests()) {
      return null;
    }
    var replay = new ReplayedWindow(parts.metrics(), app.name, previous.number(), baseline);
    Instant now = parts.clock().instant();
    AnalysisRun run =
        AnalysisRun.start(
            template, replay, app.name, promoted.number(), previous.number(), parts.clock());
    return new PromotionWatch(
        promoted, previous, run, now.plus(length), now.plus(template.interval()));
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

  /** True once the watch is over (its time ran out, or its analysis ended without failing). */
  boolean over(Instant now) {
    return !now.isBefore(until) || (run.state() != AnalysisState.RUNNING && failure().isEmpty());
  }

  /** Measures when due; the failure with its evidence when the promoted revision misbehaves. */
  Optional<String> poll(Instant now) {
    if (run.state() == AnalysisState.RUNNING && !now.isBefore(next)) {
      next = now.plus(run.template().interval());
      run.measure();
    }
    return failure();
  }

  private Optional<String> failure() {
    AnalysisState state = run.state();
    return state == AnalysisState.FAILED || state == AnalysisState.ERROR
        ? Optional.of(
            "revision " + promoted.label() + " failed the watch after promotion: " + run.reason())
        : Optional.empty();
  }
}
