package io.relevo.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What one read of a config shares: the file name for messages, the environment for {@code ${VAR}}
 * interpolation, and the problems found so far. Readers add problems and go on, so the user sees
 * every problem of the file at once.
 */
final class ReadContext {

  private final String fileName;
  private final Map<String, String> env;
  private final List<ConfigProblem> problems = new ArrayList<>();

  ReadContext(String fileName, Map<String, String> env) {
    this.fileName = fileName;
    this.env = Map.copyOf(env);
  }

  String fileName() {
    return fileName;
  }

  void problem(int line, String path, String message) {
    problems.add(new ConfigProblem(fileName, line, path, message));
  }

  /**
   * Resolves {@code ${VAR}} in {@code raw}; returns null after reporting a problem at {@code line}
   * and {@code path} when a variable is unset or a reference is malformed.
   */
  String interpolate(String raw, int line, String path) {
    return Interpolation.resolve(raw, env, message -> problem(line, path, message));
  }

  boolean hasProblems() {
    return !problems.isEmpty();
  }

  /** All problems so far, by line; problems on one line keep the order they were found in. */
  ConfigException failure() {
    // distinct: a base problem is found again in each environment merged over it.
    List<ConfigProblem> sorted = new ArrayList<>(problems.stream().distinct().toList());
    sorted.sort(Comparator.comparingInt(ConfigProblem::line));
    return new ConfigException(sorted);
  }
}
