package io.relevo.docker;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** When the runtime pulls a revision's image before it creates the container. */
public enum PullPolicy {
  /** Pull before every start, so a moved tag is followed. */
  ALWAYS,
  /** Pull only when the engine does not have the image (the default). */
  MISSING,
  /** Never pull: the image must be built or loaded on this engine beforehand. */
  NEVER;

  /** The policy named {@code always}, {@code missing} or {@code never}, in any case. */
  public static PullPolicy of(String name) {
    for (PullPolicy policy : values()) {
      if (policy.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "pull: "
            + name
            + " (expected: one of "
            + Arrays.stream(values())
                .map(p -> p.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))
            + ")");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
