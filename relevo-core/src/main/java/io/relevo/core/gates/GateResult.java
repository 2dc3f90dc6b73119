package io.relevo.core.gates;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How one gate judged one deploy, as history keeps it.
 *
 * @param gate the gate's name
 * @param status passed, failed, or failed and let through by a person
 * @param summary one line for people; never holds a secret's value
 * @param problems each rule that failed, one line each, like {@code JWT_SECRET: 12 characters
 *     (expected: at least 32)}
 * @param by who let it through when {@code status} is {@link Status#OVERRIDDEN}, else null
 * @param at when it was judged
 */
public record GateResult(
    String gate, Status status, String summary, List<String> problems, String by, Instant at) {

  public GateResult {
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(at, "at");
    problems = problems == null ? List.of() : List.copyOf(problems);
    if ((status == Status.OVERRIDDEN) != (by != null)) {
      throw new IllegalArgumentException(
          "by: "
              + by
              + " (expected: a name exactly when the status is OVERRIDDEN, it is "
              + status
              + ")");
    }
  }

  static GateResult passed(String gate, String summary, Instant at) {
    return new GateResult(gate, Status.PASSED, summary, List.of(), null, at);
  }

  static GateResult failed(String gate, String summary, List<String> problems, Instant at) {
    return new GateResult(gate, Status.FAILED, summary, problems, null, at);
  }

  /** This failed result, let through by {@code actor} for {@code reason}. */
  GateResult overriddenBy(String actor, String reason) {
    return new GateResult(
        gate,
        Status.OVERRIDDEN,
        summary + "; overridden by " + actor + ": " + reason,
        problems,
        actor,
        at);
  }

  /** True when the deploy may go on past this gate. */
  public boolean letsThrough() {
    return status != Status.FAILED;
  }

  /** One line for people: {@code window: failed: closed until Tue 10:00 UTC}. */
  public String line() {
    return gate + ": " + status.name().toLowerCase(java.util.Locale.ROOT) + ": " + summary;
  }

  /** How a gate judged. */
  public enum Status {
    PASSED,
    FAILED,
    /** Failed, and a person let the deploy through with a reason. */
    OVERRIDDEN
  }
}
