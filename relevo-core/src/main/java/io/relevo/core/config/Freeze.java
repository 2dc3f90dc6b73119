package io.relevo.core.config;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A change freeze: no deploy starts from {@code from} to {@code to}, both days included, in the
 * window's zone.
 *
 * @param reason why, shown when a deploy is refused (the holidays, an audit)
 */
public record Freeze(LocalDate from, LocalDate to, String reason) {

  public Freeze {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    reason = reason == null || reason.isBlank() ? "change freeze" : reason;
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "to: " + to + " (expected: on or after from, " + from + ")");
    }
  }

  /** True when {@code day} falls in the freeze. */
  public boolean covers(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to);
  }
}
