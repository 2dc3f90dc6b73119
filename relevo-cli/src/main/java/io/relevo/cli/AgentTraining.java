package io.relevo.cli;

import io.relevo.core.config.HostPort;
import io.relevo.server.Agent;
import io.relevo.server.AgentOptions;
import io.relevo.server.ProxyControl;
import io.relevo.server.StateDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The training run of the agent's ahead-of-time cache (see {@link AotTraining}): the path a
 * restarted agent takes, so that its classes and method profiles are in the cache. In a temporary
 * state dir, a first agent starts (the store and its migrations, the engine, the proxy process, the
 * API) and deploys a small app (the example service in relevo's own jar, a process revision); it
 * stops, leaving the revision and the proxy process running as a restart does; a second agent
 * starts on the same state dir, recovers and re-adopts them, and answers the app's status as the
 * CLI asks it. Then the app is stopped, the agent and its proxy process too, any process the run
 * started is ended, and the state dir is deleted.
 *
 * <p>Bounded: past {@link #DEADLINE} the run ends its processes and exits non-zero, so the launcher
 * keeps no cache and tries again later.
 */
final class AgentTraining {

  static final Duration DEADLINE = Duration.ofSeconds(180);
  private static final String APP = "training";
  private static final String EXAMPLE = "io.relevo.example.alojamientos.Main";

  private AgentTraining() {}

  static void run() throws IOException, InterruptedException {
    Path state = Files.createTempDirectory("relevo-aot-training-agent");
    StateDir stateDir = new StateDir(state);
    Thread watchdog = startWatchdog(state);
    try {
      Path config = writeConfig(state);
      String dir = state.toString();
      try (Agent first = Agent.start(options(stateDir))) {
        must(
            cli("deploy", APP, "--version", "v1", "-f", config.toString(), "--state-dir", dir),
            "deploy");
        askStatus(dir);
      }
      // a restart: the revision and the proxy process kept running; the next agent adopts them
      try (Agent second = Agent.start(options(stateDir))) {
        askStatus(dir);
        cli("stop", APP, "--state-dir", dir);
      } finally {
        ProxyControl.stop(stateDir);
      }
    } finally {
      endStartedProcesses();
      deleteTree(state);
      watchdog.interrupt();
    }
  }

  private static AgentOptions options(StateDir dir) {
    return new AgentOptions(dir, new HostPort("127.0.0.1", 0));
  }

  private static void askStatus(String dir) {
    for (int round = 0; round < 3; round++) {
      cli("status", "--state-dir", dir);
      cli("status", APP, "--state-dir", dir);
      cli("status", APP, "--state-dir", dir, "--output", "json");
    }
  }

  private static int cli(String... args) {
    CliContext silent =
        new CliContext(
            Map.of(), new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()));
    return Main.run(args, silent);
  }

  private static void must(int exit, String what) {
    if (exit != ExitCodes.OK) {
      throw new IllegalStateException("the training's " + what + " failed (exit " + exit + ")");
    }
  }

  /**
   * The app: relevo's example service, run by this JVM's {@code java} from this jar, with checks
   * fast enough for a run of seconds.
   */
  private static Path writeConfig(Path state) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String yaml =
        """
        app: %s
        runtime:
          command: ["%s", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", "%s", "%s"]
          port_env: PORT
        listen: 127.0.0.1:%d
        health:
          readiness: {path: /api/v1/healthz, interval: 250ms, timeout: 1s, retries: 3, start_period: 4s}
          ready_timeout: 60s
        proxy:
          drain_timeout: 1s
        """
            .formatted(APP, java, classPath(), EXAMPLE, freePort());
    Path file = state.resolve("relevo.yml");
    Files.writeString(file, yaml);
    return file;
  }

  private static String classPath() {
    return List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).stream()
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .reduce((a, b) -> a + java.io.File.pathSeparator + b)
        .orElseThrow();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Ends every process this run started that is still running: the revisions and the proxy process
   * are this JVM's children (both agents ran in it), and a stop that failed halfway must not leave
   * them behind.
   */
  private static void endStartedProcesses() throws InterruptedException {
    List<ProcessHandle> left = ProcessHandle.current().descendants().toList();
    left.forEach(ProcessHandle::destroy);
    for (ProcessHandle process : left) {
      try {
        process.onExit().get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        process.destroyForcibly();
      }
    }
  }

  /** Past the deadline: ends the run's processes and state dir and exits 1, writing no cache. */
  private static Thread startWatchdog(Path state) {
    return Thread.ofPlatform()
        .daemon()
        .name("aot-training-deadline")
        .start(
            () -> {
              try {
                Thread.sleep(DEADLINE);
              } catch (InterruptedException e) {
                return; // the run ended in time
              }
              System.err.println("the agent's training took over " + DEADLINE + "; stopped");
              ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
              try {
                deleteTree(state);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(1);
            });
  }

  /**
   * Deletes the training's state dir. The proxy processes remove their own files as they exit, so a
   * file may vanish while this walks: the walk is tried again. A dir that still cannot go is left
   * in the temp dir and said so; it never fails the training, whose cache is what matters.
   */
  private static void deleteTree(Path root) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
        return;
      } catch (IOException | UncheckedIOException e) {
        if (attempt == 10) {
          System.err.println("left the training's state dir " + root + ": " + e.getMessage());
          return;
        }
        Thread.sleep(100);
      }
    }
  }
}
