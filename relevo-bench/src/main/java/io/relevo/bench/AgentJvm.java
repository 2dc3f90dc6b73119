package io.relevo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options the agent runs with in production, read from the systemd unit's {@code
 * ExecStart=} (the words between {@code java} and {@code -jar}), so that the benchmark measures the
 * agent as it is deployed and follows the unit when it changes.
 */
final class AgentJvm {

  static final String UNIT = "packaging/systemd/relevo-agent.service";

  private AgentJvm() {}

  /** The unit's options, or none when the unit or its ExecStart line is missing. */
  static List<String> ofUnit(Path root) {
    try {
      return Files.readAllLines(root.resolve(UNIT)).stream()
          .filter(line -> line.startsWith("ExecStart="))
          .findFirst()
          .map(AgentJvm::options)
          .orElse(List.of());
    } catch (IOException missing) {
      return List.of();
    }
  }

  static List<String> options(String execStart) {
    List<String> words = Arrays.asList(execStart.substring("ExecStart=".length()).split("\\s+"));
    int jar = words.indexOf("-jar");
    return jar < 1 ? List.of() : List.copyOf(words.subList(1, jar));
  }
}
