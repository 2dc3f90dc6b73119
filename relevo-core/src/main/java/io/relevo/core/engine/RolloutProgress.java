package io.relevo.core.engine;

import java.util.List;

/**
 * Where a rollout under way stands, for {@code relevo status --watch}.
 *
 * @param step the current step, 1-based; 0 before the first
 * @param steps how many steps the strategy has
 * @param description what the current step does: {@code weight 10%}, {@code pause 30s}, {@code
 *     analysis default (3/5)}, {@code paused: waiting for relevo promote}
 * @param canaryWeight the canary's share of traffic now, in percent
 * @param paused true while the rollout waits for {@code relevo promote}
 * @param evidence the latest analysis measurement, one line per metric: {@code error-rate: canary
 *     7.2% vs stable 0.4% (fail if canary - stable > 0.05), 812 vs 7301 requests}
 */
public record RolloutProgress(
    int step,
    int steps,
    String description,
    int canaryWeight,
    boolean paused,
    List<String> evidence) {

  public RolloutProgress {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }
}
