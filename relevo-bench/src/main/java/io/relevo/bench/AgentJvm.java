package io.relevo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM options and environment the agent runs with in production, read from the systemd unit:
 * the words between {@code java} and {@code -jar} of its {@code ExecStart=}, and its {@code
 * Environment=} assignments. The benchmark measures the agent as it is deployed and follows the
 * unit when it changes.
 */
final class AgentJvm {

  static final String UNIT = "packaging/systemd/relevo-agent.service";

  private AgentJvm() {}

  /** The unit's options, or none when the unit or its ExecStart line is missing. */
  static List<String> ofUnit(Path root) {
    return unitLines(root).stream()
        .filter(line -> line.startsWith("ExecStart="))
        .findFirst()
        .map(AgentJvm::options)
        .orElse(List.of());
  }

  /**
   * The unit's environment for the agent, but for {@code RELEVO_STATE_DIR}: the benchmark names its
   * own state dir.
   */
  static Map<String, String> environmentOfUnit(Path root) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : unitLines(root)) {
      if (line.startsWith("Environment=")) {
        env.putAll(environment(line));
      }
    }
    env.remove("RELEVO_STATE_DIR");
    return env;
  }

  static List<String> options(String execStart) {
    List<String> words = Arrays.asList(execStart.substring("ExecStart=".length()).split("\\s+"));
    int jar = words.indexOf("-jar");
    return jar < 1 ? List.of() : List.copyOf(words.subList(1, jar));
  }

  /** The assignments of one {@code Environment=} line (unquoted ones, as the unit has). */
  static Map<String, String> environment(String line) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String word : line.substring("Environment=".length()).trim().split("\\s+")) {
      int eq = word.indexOf('=');
      if (eq > 0) {
        env.put(word.substring(0, eq), word.substring(eq + 1));
      }
    }
    return env;
  }

  private static List<String> unitLines(Path root) {
    try {
      return Files.readAllLines(root.resolve(UNIT));
    } catch (IOException missing) {
      return List.of();
    }
  }
}
