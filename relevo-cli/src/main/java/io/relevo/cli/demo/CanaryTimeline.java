package io.relevo.cli.demo;

import io.relevo.server.v1.RolloutEventView;
import io.relevo.server.v1.RolloutView;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a rolled-back canary hurt: from its first share of traffic to the abort, read from the
 * rollout's events.
 *
 * @param exposure time between the canary's first weight and the traffic going back to stable
 * @param switchBack how the engine reported the switch back (e.g. {@code 41µs after the decision})
 */
record CanaryTimeline(Duration exposure, String switchBack) {

  static Optional<CanaryTimeline> of(RolloutView rollout) {
    if (rollout == null) {
      return Optional.empty();
    }
    Optional<RolloutEventView> weight =
        rollout.events().stream().filter(e -> e.step().equals("weight")).findFirst();
    Optional<RolloutEventView> abort =
        rollout.events().stream().filter(e -> e.step().equals("abort")).findFirst();
    if (weight.isEmpty() || abort.isEmpty()) {
      return Optional.empty();
    }
    String message = abort.get().message();
    int after = message.lastIndexOf(' ', message.indexOf(" after the decision") - 1);
    return Optional.of(
        new CanaryTimeline(
            Duration.between(weight.get().at(), abort.get().at()),
            after < 0 ? message : message.substring(after + 1)));
  }
}
