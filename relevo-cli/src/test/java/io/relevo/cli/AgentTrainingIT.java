package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's AOT training run (what the launcher runs with {@code -XX:AOTCacheOutput}) as its own
 * process, from a copy of the jar in a temp dir of its own: it takes an agent through a restart on
 * a deployed app and leaves nothing behind, neither a process of that jar (revision, proxy) nor a
 * state dir.
 */
class AgentTrainingIT {

  @TempDir Path dir;

  @AfterEach
  void endLeftovers() throws IOException {
    leftovers().forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void restartsAnAgentOnADeployedAppAndLeavesNoProcessNorStateDirBehind() throws Exception {
    assumeThat(Path.of("/proc/self/cmdline")).exists();
    Path jar = Files.copy(RelevoProcess.JAR, dir.resolve("relevo.jar"));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path log = dir.resolve("training.log");
    Process training =
        new ProcessBuilder(
                RelevoProcess.JAVA,
                "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                jar.toString(),
                "io.relevo.cli.AotTraining",
                "agent")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean ended = training.waitFor(AgentTraining.DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);
    if (!ended) {
      training.descendants().forEach(ProcessHandle::destroyForcibly);
      training.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(ended).as(output).isTrue();
    assertThat(training.exitValue()).as(output).isZero();
    assertThat(output)
        .as("the second agent recovered the app and the proxy process")
        .contains("re-adopted revision 1 (v1)")
        .contains("re-adopted; its front doors kept serving")
        .contains("stopped training");
    assertThat(leftovers()).as(output).isEmpty();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("the training's state dir is deleted").isEmpty();
    }
  }

  /** Running processes whose command line names this test's dir (the jar copy, a state dir). */
  private List<ProcessHandle> leftovers() throws IOException {
    List<ProcessHandle> found = new ArrayList<>();
    String mark = dir.toString();
    for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
      Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
      try {
        String command = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
        if (command.contains(mark) && process.isAlive()) {
          found.add(process);
        }
      } catch (IOException | SecurityException e) {
        // the process ended while we looked, or is not ours to read
      }
    }
    return found;
  }
}
