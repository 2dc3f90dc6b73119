package io.relevo.core.engine;

import io.relevo.core.analysis.AnalysisTemplate;
import io.relevo.core.load.SyntheticLoad;
import io.relevo.core.metrics.MetricsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The synthetic loads of a rollout's analyses: started with the analysis that asks for one, closed
 * together when the analysis (or the rollout) ends, so no load outlives what it was sent for.
 */
final class Loads implements AutoCloseable {

  private final List<SyntheticLoad.Running> running = new ArrayList<>();

  /**
   * What {@code template} judges: the router's counters, plus those of its synthetic load, which
   * this starts, to the canary and to stable alike.
   */
  MetricsSource metricsFor(Rollout rollout, AnalysisTemplate template) {
    MetricsSource metrics = rollout.parts().metrics();
    if (template.load().isNone()) {
      return metrics;
    }
    SyntheticLoad.Running load =
        rollout
            .parts()
            .load()
            .start(
                rollout.app().name,
                template.load(),
                Map.of(
                    rollout.stable().number(), rollout.stableInstance().endpoint(),
                    rollout.candidate().number(), rollout.candidateInstance().endpoint()));
    running.add(load);
    rollout
        .log()
        .event(
            "load",
            io.relevo.core.store.RolloutEvent.Status.STARTED,
            "analysis "
                + template.name()
                + " sends "
                + template.load().method()
                + " "
                + template.load().path()
                + " at "
                + Math.round(template.load().ratePerSecond())
                + "/s to the canary and to stable alike");
    return MetricsSource.sum(metrics, load);
  }

  @Override
  public void close() {
    running.forEach(SyntheticLoad.Running::close);
    running.clear();
  }
}
