package io.relevo.core.config;

import io.relevo.core.RelevoException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A config that could not be read or is invalid. It carries every problem found, not only the
 * first, so the user fixes the file in one go; its message lists them, one per line, in order of
 * line.
 */
public final class ConfigException extends RelevoException {

  private final List<ConfigProblem> problems;

  /**
   * @param problems at least one
   */
  public ConfigException(List<ConfigProblem> problems) {
    super(Kind.BAD_INPUT, message(problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, in order of line. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String message(List<ConfigProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems: empty (expected: at least one problem)");
    }
    return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
  }
}
