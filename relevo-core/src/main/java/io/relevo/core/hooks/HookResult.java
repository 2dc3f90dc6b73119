package io.relevo.core.hooks;

import java.time.Duration;
import java.util.Objects;

/**
 * How one hook run went.
 *
 * @param exitCode the exit code; -1 when it did not start or was killed
 * @param outputTail the last lines of its stdout and stderr, together
 * @param took how long it ran
 * @param problem why it failed without an exit code (not executable, not found, timed out), or null
 */
public record HookResult(int exitCode, String outputTail, Duration took, String problem) {

  public HookResult {
    outputTail = outputTail == null ? "" : outputTail;
    Objects.requireNonNull(took, "took");
  }

  /** Did not run, or ran and was killed: {@code problem} says which. */
  public static HookResult failed(String problem, String outputTail, Duration took) {
    return new HookResult(-1, outputTail, took, Objects.requireNonNull(problem, "problem"));
  }

  public boolean ok() {
    return problem == null && exitCode == 0;
  }

  /** {@code exited 3 after 1.2s} or the problem. */
  public String describe() {
    return problem != null
        ? problem
        : (exitCode == 0 ? "passed" : "exited " + exitCode) + " after " + took.toMillis() + "ms";
  }
}
