package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One state dir, one agent: real agent processes of the jar. The first agent runs under a parent
 * that never reaps it, so after {@code kill -9} its pid still shows (a zombie), as it did when an
 * agent was restarted 0.5 s after a crash and refused for a pid that had just died.
 */
class AgentTakeoverIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Map<String, String> env;
  private Path state;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void linuxOnly() {
    assumeThat(Path.of("/proc/self/stat")).exists();
    state = dir.resolve("state");
    env = Map.of("RELEVO_STATE_DIR", state.toString());
  }

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor();
    }
  }

  @Test
  void aSecondAgentOnALiveAgentsStateDirIsRefusedNamingItsPidAndTheStateDir() throws Exception {
    long first = startUnreapedAgent();

    RelevoProcess.Result second = RelevoProcess.run(env, dir, "agent", "--api", "127.0.0.1:0");

    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(second.err())
        .as(second.toString())
        .contains("state dir " + state + " is owned by a running agent (pid " + first + ",")
        .contains("another --state-dir");
    assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive)).contains(true);
  }

  @Test
  void anAgentKilledWithSigkillIsTakenOverAtOnceWithOneLineNamingIt() throws Exception {
    long first = startUnreapedAgent();

    ProcessHandle.of(first).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofSeconds(10)).until(() -> isZombie(first));
    Path log = dir.resolve("agent2.log");
    Process next =
        RelevoProcess.builder(env, dir, "agent", "--api", "127.0.0.1:0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    started.add(next);

    await().atMost(Duration.ofSeconds(30)).until(() -> agentPid() == next.pid() || !next.isAlive());
    assertThat(next.isAlive()).as("agent log:\n%s", Files.readString(log)).isTrue();
    assertThat(isZombie(first)).as("the killed agent's pid still shows").isTrue();
    assertThat(Files.readAllLines(log))
        .filteredOn(line -> line.contains("taking over"))
        .singleElement()
        .asString()
        .contains("the last agent (pid " + first + ", started ")
        .contains("is no longer running");
  }

  /** Starts an agent whose parent never waits for it, and returns the agent's pid. */
  private long startUnreapedAgent() throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "sh",
                "-c",
                "\"$@\" >\"$0\" 2>&1 & exec sleep 600",
                dir.resolve("agent1.log").toString()));
    command.addAll(RelevoProcess.builder(env, dir, "agent", "--api", "127.0.0.1:0").command());
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    Process parent = builder.start();
    started.add(parent);
    await().atMost(Duration.ofSeconds(30)).until(() -> agentPid() > 0 || !parent.isAlive());
    return agentPid();
  }

  private long agentPid() throws IOException {
    Path file = state.resolve("agent.json");
    try {
      return JSON.readTree(file.toFile()).path("pid").asLong();
    } catch (IOException e) {
      return 0; // not there yet, or being replaced
    }
  }

  /** True when the process has ended but its parent has not collected it: state Z. */
  private static boolean isZombie(long pid) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String text = Files.readString(stat);
    return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
  }
}
