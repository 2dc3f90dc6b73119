package io.relevo.kubernetes;

import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.routing.TrafficSplit.Backend;

/** The rollout step a split stands for, as the annotations record it for people and restarts. */
final class Steps {

  private Steps() {}

  /** {@code stable}, {@code canary 10%}, {@code none}. */
  static String of(TrafficSplit split) {
    if (split.backends().isEmpty()) {
      return "none";
    }
    if (split.backends().size() == 1) {
      return "stable";
    }
    Backend last = split.backends().getLast();
    return "canary " + last.weight() + "%";
  }

  /** What one revision is in the split: {@code stable}, {@code canary 10%}, {@code standby}. */
  static String of(TrafficSplit split, Backend backend) {
    if (backend.weight() == 100) {
      return "stable";
    }
    if (backend.weight() == 0) {
      return "standby";
    }
    return split.backends().getFirst().revision() == backend.revision()
        ? "stable " + backend.weight() + "%"
        : "canary " + backend.weight() + "%";
  }
}
