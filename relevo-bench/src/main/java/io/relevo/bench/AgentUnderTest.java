package io.relevo.bench;

import io.relevo.server.AgentClient;
import io.relevo.server.StateDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real agent for a benchmark: {@code java -jar relevo.jar agent} in a process of its own, with a
 * fresh state dir, as a user starts it; its proxy process is its own too. Closing it ends the agent
 * and everything it started (proxy, standby, revisions), then any process still carrying this state
 * dir in {@code RELEVO_AGENT_STATE_DIR}: a benchmark leaves nothing running.
 */
final class AgentUnderTest implements AutoCloseable {

  /** Generous: on a loaded machine the agent has taken more than 20 s to listen. */
  private static final java.time.Duration START_TIMEOUT = java.time.Duration.ofSeconds(90);

  private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");

  private final Subject agent;
  private final Path state;
  private final Path jar;
  private final List<String> command;
  private final Map<String, String> env;

  private AgentUnderTest(
      Subject agent, Path state, Path jar, List<String> command, Map<String, String> env) {
    this.agent = agent;
    this.state = state;
    this.jar = jar;
    this.command = command;
    this.env = env;
  }

  /**
   * Starts the agent from a copy of {@code relevoJar}, with {@code env} on top of this process's
   * environment, and waits until its API listens.
   */
  static AgentUnderTest start(
      Path relevoJar, Path dir, List<String> jvmOptions, Map<String, String> env)
      throws IOException {
    Path state = dir.resolve("agent-state");
    if (Files.exists(state)) { // an earlier run's: its agent would adopt what it lists
      try (var paths = Files.walk(state)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(state);
    // A copy, as ./relevo runs one: a build elsewhere may rewrite the jar under a running agent.
    Path jar =
        Files.copy(relevoJar, dir.resolve("relevo.jar"), StandardCopyOption.REPLACE_EXISTING);
    int port = Subjects.freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "agent",
            "--state-dir",
            state.toString(),
            "--api",
            "127.0.0.1:" + port));
    Subject agent =
        Subject.start(
            "relevo agent",
            port,
            dir.resolve("agent.log"),
            START_TIMEOUT,
            env,
            command.toArray(String[]::new));
    return new AgentUnderTest(agent, state, jar, command, env);
  }

  /** The command line as the report shows it. */
  String describe() {
    StringBuilder assignments = new StringBuilder();
    env.forEach((name, value) -> assignments.append(name).append('=').append(value).append(' '));
    return assignments
        + "java "
        + String.join(" ", command.subList(1, command.size()))
            .replace(jar.toString(), "relevo.jar")
            .replace(state.toString(), "STATE");
  }

  /** A client as the CLI finds the agent; waits (10 s at most) for agent.json, written last. */
  AgentClient client() throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        return AgentClient.locate(new StateDir(state), null, Map.of());
      } catch (io.relevo.core.RelevoException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(50);
      }
    }
  }

  long pid() {
    return agent.pid();
  }

  /** The serving proxy process and its standby, those of them that run now. */
  List<Long> proxyPids() {
    List<Long> pids = new ArrayList<>();
    for (String file : List.of("proxy.json", "proxy-standby.json")) {
      pidIn(state.resolve(file))
          .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .ifPresent(pids::add);
    }
    return pids;
  }

  /** Every process the agent started, the proxies' included. */
  List<Long> descendants() {
    return ProcessHandle.of(agent.pid())
        .map(p -> p.descendants().map(ProcessHandle::pid).toList())
        .orElse(List.of());
  }

  /**
   * Ends the agent first (so that it starts no new proxy when it sees one end), then every process
   * it started, then any process left that names this state dir in its command line (a proxy) or
   * carries it in {@code RELEVO_AGENT_STATE_DIR} (a revision).
   */
  @Override
  public void close() throws IOException {
    List<Long> started = new ArrayList<>(descendants());
    started.addAll(proxyPids()); // in a session of their own: maybe not descendants
    ProcessHandle.of(agent.pid()).ifPresent(AgentUnderTest::end);
    agent.close();
    started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    ProcessHandle.allProcesses().filter(this::ours).forEach(ProcessHandle::destroyForcibly);
    Files.deleteIfExists(jar); // 20+ MB that the results folder does not need
  }

  private static void end(ProcessHandle process) {
    process.destroy();
    try {
      process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
    }
  }

  private boolean ours(ProcessHandle process) {
    if (process.pid() == ProcessHandle.current().pid()) {
      return false;
    }
    String mark = "RELEVO_AGENT_STATE_DIR=" + state;
    for (String file : List.of("cmdline", "environ")) {
      try {
        byte[] bytes = Files.readAllBytes(Path.of("/proc/" + process.pid() + "/" + file));
        for (String entry : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
          if (entry.equals(mark) || entry.equals(state.toString())) {
            return true;
          }
        }
      } catch (IOException | SecurityException unreadable) {
        // another user's process, or gone
      }
    }
    return false;
  }

  private static Optional<Long> pidIn(Path file) {
    try {
      Matcher m = PID.matcher(Files.readString(file));
      return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    } catch (IOException | NumberFormatException missing) {
      return Optional.empty();
    }
  }
}
