package io.relevo.core.engine;

import io.relevo.core.analysis.AnalysisRun;
import io.relevo.core.analysis.AnalysisState;
import io.relevo.core.analysis.AnalysisTemplate;
import io.relevo.core.analysis.Measurement;
import io.relevo.core.config.Durations;
import io.relevo.core.config.StrategyConfig;
import io.relevo.core.config.StrategyConfig.CanaryStep;
import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.store.RolloutCheckpoint;
import io.relevo.core.store.RolloutCheckpoint.Phase;
import io.relevo.core.store.RolloutEvent.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The canary takes a growing share of live traffic, step by step, and goes on only while its
 * analyses pass; any failure throws, and the engine then puts all traffic back on stable. After the
 * last step (or {@code relevo promote --full}) it takes all traffic.
 */
final class CanaryStrategy implements RolloutStrategy {

  private final StrategyConfig.Canary config;

  CanaryStrategy(StrategyConfig.Canary config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "canary";
  }

  @Override
  public void shift(Rollout rollout) throws StepFailed, InterruptedException {
    if (rollout.stableInstance() == null) {
      rollout
          .log()
          .event(
              "canary",
              Status.INFO,
              "no stable revision runs to compare with: the canary takes all traffic at once");
      rollout.checkpoint(config.steps().size(), 0, Phase.PROMOTING);
      promote(rollout);
      return;
    }
    try (Loads backgroundLoads = new Loads()) {
      AnalysisRun background =
          config.backgroundAnalysis() == null
              ? null
              : start(rollout, config.backgroundAnalysis(), backgroundLoads);
      walk(rollout, new CanaryWatch(rollout, background));
    }
    promote(rollout);
  }

  /**
   * Takes the steps in order, until the last one or a promotion in full; a resumed rollout starts
   * at the step its checkpoint names, with the canary's share it had. Every step writes a
   * checkpoint first.
   */
  private void walk(Rollout rollout, CanaryWatch watch) throws StepFailed, InterruptedException {
    var stableEndpoint = rollout.stableInstance().endpoint();
    int stableNumber = rollout.stable().number();
    rollout
        .control()
        .onAbort(
            () ->
                rollout
                    .parts()
                    .router()
                    .route(rollout.app().name, TrafficSplit.all(stableNumber, stableEndpoint)));
    List<CanaryStep> steps = config.steps();
    RolloutCheckpoint from = rollout.from();
    boolean resumed = from != null && from.phase() != Phase.READY;
    int first = resumed ? Math.min(from.step(), steps.size()) : 0;
    int weight = resumed ? from.weight() : 0;
    try {
      if (resumed && weight > 0) {
        route(rollout, weight, config.sticky());
      }
      for (int i = first; i < steps.size() && !rollout.control().fullPromotion(); i++) {
        CanaryStep step = steps.get(i);
        RolloutCheckpoint here = resumed && i == first ? from : null;
        progress(rollout, i + 1, describe(step), weight, false, List.of());
        switch (step) {
          case CanaryStep.SetWeight w when w.weight() == 100 -> i = steps.size();
          case CanaryStep.SetWeight w -> {
            weight = w.weight();
            rollout.checkpoint(i, weight, Phase.WEIGHT);
            route(rollout, weight, config.sticky());
          }
          case CanaryStep.Pause pause -> pause(rollout, watch, i, weight, pause.duration(), here);
          case CanaryStep.RunAnalysis analysis ->
              analyse(rollout, watch, i, weight, analysis.analysis(), here);
        }
      }
      if (rollout.control().fullPromotion()) {
        rollout.log().event("promote", Status.INFO, "promoted in full: remaining steps skipped");
      }
      rollout.checkpoint(steps.size(), weight, Phase.PROMOTING);
    } finally {
      watch.stop();
    }
  }

  private static void promote(Rollout rollout) throws StepFailed {
    // Past this switch the canary is the new stable: a late abort no longer switches anything.
    rollout
        .control()
        .guarded(
            () -> {
              rollout.control().onAbort(null);
              rollout
                  .parts()
                  .router()
                  .route(
                      rollout.app().name,
                      TrafficSplit.all(
                          rollout.candidate().number(), rollout.candidateInstance().endpoint()));
            });
    rollout
        .promotion()
        .switchTo(
            rollout.app(),
            rollout.candidate(),
            rollout.candidateInstance(),
            rollout.stable(),
            true,
            rollout.log());
  }

  private static void route(Rollout rollout, int weight, boolean sticky) throws StepFailed {
    var stable = rollout.stableInstance();
    rollout
        .control()
        .guarded(
            () -> {
              if (weight > 0) {
                rollout.control().candidateTookTraffic();
              }
              rollout
                  .parts()
                  .router()
                  .route(
                      rollout.app().name,
                      new TrafficSplit(
                          List.of(
                              new TrafficSplit.Backend(
                                  rollout.stable().number(), stable.endpoint(), 100 - weight),
                              new TrafficSplit.Backend(
                                  rollout.candidate().number(),
                                  rollout.candidateInstance().endpoint(),
                                  weight)),
                          sticky));
            });
    rollout
        .log()
        .event(
            "weight",
            Status.OK,
            weight
                + "% of traffic on canary revision "
                + rollout.candidate().label()
                + ", "
                + (100 - weight)
                + "% on stable "
                + rollout.stable().label());
  }

  /** A pause of {@code duration} (null: until promoted); resumed, it ends when it was to end. */
  private void pause(
      Rollout rollout,
      CanaryWatch watch,
      int index,
      int weight,
      Duration duration,
      RolloutCheckpoint resumed)
      throws StepFailed, InterruptedException {
    int step = index + 1;
    Instant until;
    if (resumed != null && resumed.phase() == Phase.PAUSE) {
      until = resumed.until();
    } else {
      until = duration == null ? null : rollout.parts().clock().instant().plus(duration);
    }
    rollout.checkpoint(index, weight, Phase.PAUSE, until, null, 0, 0);
    if (until == null) {
      rollout
          .log()
          .event(
              "pause",
              Status.STARTED,
              "paused: waiting for `relevo promote " + rollout.app().name + "` (or abort)");
      progress(rollout, step, "paused: waiting for relevo promote", weight, true, List.of());
      rollout.log().waitingForApproval();
    } else if (resumed != null) {
      rollout
          .log()
          .event(
              "pause",
              Status.STARTED,
              "pause resumed, "
                  + Durations.format(
                      left(rollout.parts().clock().instant(), until)
                          .truncatedTo(ChronoUnit.SECONDS))
                  + " left");
    } else {
      rollout.log().event("pause", Status.STARTED, "pausing " + Durations.format(duration));
    }
    watch.await(until, true);
    rollout.log().event("pause", Status.OK, "pause over");
  }

  private static Duration left(Instant now, Instant until) {
    return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
  }

  private void analyse(
      Rollout rollout,
      CanaryWatch watch,
      int index,
      int weight,
      String name,
      RolloutCheckpoint resumed)
      throws StepFailed, InterruptedException {
    if (resumed != null && resumed.phase() == Phase.PAUSE) {
      // The analysis was inconclusive and the rollout was waiting for a person: it still is.
      waitForPromote(rollout, watch, index, weight, "analysis " + name + " inconclusive");
      return;
    }
    try (Loads loads = new Loads()) {
      AnalysisRun run = start(rollout, name, loads);
      if (resumed != null && resumed.phase() == Phase.ANALYSIS) {
        run.countEarlier(resumed.passed(), resumed.failed());
        rollout
            .log()
            .event(
                "analysis",
                Status.INFO,
                "analysis "
                    + name
                    + " resumed after an agent restart with "
                    + resumed.passed()
                    + " passed and "
                    + resumed.failed()
                    + " failed measurements; its window starts again now");
      }
      judge(rollout, watch, index, weight, run);
    }
  }

  /** Measures every interval until the run ends; a pass goes on, a failure throws. */
  private void judge(Rollout rollout, CanaryWatch watch, int index, int weight, AnalysisRun run)
      throws StepFailed, InterruptedException {
    int step = index + 1;
    String name = run.template().name();
    AnalysisTemplate template = run.template();
    rollout.checkpoint(index, weight, Phase.ANALYSIS, null, name, run.passed(), run.failed());
    rollout
        .log()
        .event(
            "analysis",
            Status.STARTED,
            "analysis "
                + name
                + ": every "
                + Durations.format(template.interval())
                + ", judge "
                + template.judge()
                + ", "
                + template.metrics().size()
                + " metrics, at least "
                + template.minRequests()
                + " requests before a verdict");
    while (run.state() == AnalysisState.RUNNING) {
      watch.await(rollout.parts().clock().instant().plus(template.interval()), false);
      if (rollout.control().fullPromotion()) {
        return;
      }
      Measurement measurement = run.measure();
      rollout.checkpoint(index, weight, Phase.ANALYSIS, null, name, run.passed(), run.failed());
      List<String> evidence = measurement.metrics().stream().map(Object::toString).toList();
      rollout.log().event("analysis", Status.PROGRESS, "analysis " + name + " " + measurement);
      progress(
          rollout,
          step,
          "analysis "
              + name
              + " ("
              + run.measurements().size()
              + (template.count() > 0 ? "/" + template.count() : "")
              + ")",
          weight,
          false,
          evidence);
    }
    switch (run.state()) {
      case PASSED -> rollout.log().event("analysis", Status.OK, "analysis " + name + " passed");
      case INCONCLUSIVE -> {
        rollout
            .log()
            .event(
                "analysis",
                Status.INFO,
                run.reason()
                    + "; paused: waiting for `relevo promote "
                    + rollout.app().name
                    + "` or `relevo abort "
                    + rollout.app().name
                    + "`");
        waitForPromote(rollout, watch, index, weight, "analysis " + name + " inconclusive");
      }
      default -> throw new StepFailed(run.reason());
    }
  }

  /** Holds the canary's share until {@code relevo promote} (or an abort). */
  private void waitForPromote(Rollout rollout, CanaryWatch watch, int index, int weight, String why)
      throws StepFailed, InterruptedException {
    rollout.checkpoint(index, weight, Phase.PAUSE);
    progress(
        rollout,
        index + 1,
        "paused: " + why,
        weight,
        true,
        rollout.app().progress == null ? List.of() : rollout.app().progress.evidence());
    rollout.log().waitingForApproval();
    watch.await(null, true);
  }

  /**
   * Starts the named analysis against stable's recent past, with its synthetic load (if any)
   * running until {@code loads} is closed.
   */
  private static AnalysisRun start(Rollout rollout, String name, Loads loads) {
    AnalysisTemplate template = rollout.app().config.analysis().get(name);
    var parts = rollout.parts();
    String app = rollout.app().name;
    int stable = rollout.stable().number();
    MetricsSource metrics = loads.metricsFor(rollout, template);
    var now = parts.clock().instant();
    return AnalysisRun.start(
            template,
            metrics,
            app,
            rollout.candidate().number(),
            stable,
            rollout.app().history.of(stable, parts.metrics().snapshot(app, stable), now),
            parts.clock())
        .observedBy(parts.analysisObserver())
        .queryingWith(parts.promql());
  }

  private void progress(
      Rollout rollout,
      int step,
      String description,
      int weight,
      boolean paused,
      List<String> evidence) {
    rollout.app().progress =
        new RolloutProgress(step, config.steps().size(), description, weight, paused, evidence);
  }

  private static String describe(CanaryStep step) {
    return switch (step) {
      case CanaryStep.SetWeight w -> "weight " + w.weight() + "%";
      case CanaryStep.Pause p ->
          p.duration() == null ? "pause until promoted" : "pause " + Durations.format(p.duration());
      case CanaryStep.RunAnalysis a -> "analysis " + a.analysis();
    };
  }
}
