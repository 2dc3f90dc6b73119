package io.relevo.server.v1;

import io.relevo.core.engine.RolloutProgress;
import java.util.List;

/**
 * Where the rollout under way stands.
 *
 * @param step the current step, from 1
 * @param steps how many steps the strategy has
 * @param description the current step for people, like {@code pause 30s}
 * @param canaryWeight the canary's weight now, in percent
 * @param paused whether it waits for {@code relevo promote}
 * @param evidence the latest analysis measurements, for people
 */
public record ProgressView(
    int step,
    int steps,
    String description,
    int canaryWeight,
    boolean paused,
    List<String> evidence) {

  public ProgressView {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  public static ProgressView of(RolloutProgress p) {
    return p == null
        ? null
        : new ProgressView(
            p.step(), p.steps(), p.description(), p.canaryWeight(), p.paused(), p.evidence());
  }
}
