package io.relevo.core.database;

import java.time.Duration;
import java.util.List;

/**
 * How a command ended.
 *
 * @param exitCode its exit code; -1 when it was killed at its timeout
 * @param output stdout and stderr together
 * @param timedOut whether it ran past its timeout and was killed
 * @param took how long it ran
 */
public record CommandResult(int exitCode, String output, boolean timedOut, Duration took) {

  public CommandResult {
    output = output == null ? "" : output;
  }

  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }

  /** Its last {@code lines} lines of output. */
  public String tail(int lines) {
    List<String> all = output.strip().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
