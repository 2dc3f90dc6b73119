package io.relevo.process;

import io.relevo.core.RelevoException;
import io.relevo.core.runtime.FreePort;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.core.runtime.RuntimeProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default runtime: each revision is a local OS process listening on a loopback port
 * that relevo picks and passes in {@code runtime.port_env} (default {@code PORT}).
 *
 * <p>The process's stdout and stderr are appended to the revision's log file by the OS itself, not
 * through a pipe, so a revision keeps running and keeps its log when the agent dies; a restarted
 * agent finds it again with {@link #adopt}.
 */
public final class ProcessRuntime implements RuntimeProvider {

  private static final Logger log = LoggerFactory.getLogger(ProcessRuntime.class);
  private static final String HOST = "127.0.0.1";

  /** How far a recorded start time may be from the OS's: the OS reports it in clock ticks. */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  private static final Duration EXIT_POLL = Duration.ofMillis(20);

  /** How long a stop waits for the JDK to reap a child that has exited. */
  private static final Duration REAPED = Duration.ofSeconds(1);

  /**
   * Variables the agent's service sets for the agent's own process (glibc's malloc arenas, see
   * packaging/systemd/relevo-agent.service) that would change every revision's memory if passed on.
   */
  static final List<String> AGENT_ONLY = List.of("MALLOC_ARENA_MAX");

  private static final Pattern SPAWN_HELPER_ERROR = Pattern.compile("error: \\d+ \\((.*)\\)");

  /** The value of {@link ProcessStrays#MARKER} on every process started; empty: none set. */
  private final String marker;

  private ProcessRuntime(String marker) {
    this.marker = marker;
  }

  /**
   * A process runtime whose processes carry no state-dir marker, so no agent can tell them from
   * strangers after a crash. It holds no state of its own: every instance carries its process.
   */
  public static ProcessRuntime create() {
    return new ProcessRuntime("");
  }

  /**
   * A process runtime that marks every revision's process with {@code stateDir} in {@link
   * ProcessStrays#MARKER}, so that a later agent on that state dir finds the ones history does not
   * know ({@link ProcessStrays}).
   */
  public static ProcessRuntime create(Path stateDir) {
    return new ProcessRuntime(ProcessStrays.markerOf(stateDir));
  }

  /**
   * Launches the revision and returns at once. Throws {@link RelevoException} of kind {@code
   * BAD_INPUT} for an empty command or a missing working directory and {@code FAILED} when the OS
   * cannot launch the command (not found, not executable).
   */
  @Override
  public Instance start(RevisionSpec spec) {
    int port = FreePort.pick();
    LaunchPlan plan = LaunchPlan.of(spec, port);
    String what = "revision " + spec.revision() + " (" + spec.version() + ")";
    if (!Files.isDirectory(plan.workdir())) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "cannot start "
              + what
              + ": working directory "
              + plan.workdir()
              + " does not exist (expected: runtime.workdir relative to "
              + spec.baseDir()
              + ")");
    }
    Path logFile = spec.logFile().toAbsolutePath();
    writeHeader(logFile, what, plan, port);

    ProcessBuilder builder =
        new ProcessBuilder(plan.command())
            .directory(plan.workdir().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectErrorStream(true);
    revisionEnvironment(builder.environment(), plan.env(), marker);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.FAILED,
          "cannot start " + what + ": " + plan.command() + ": " + reason(e));
    }
    ProcessInstance instance = ProcessInstance.started(process, HOST, port, logFile);
    log.info(
        "started {} of {} as pid {} on {}", what, spec.app(), process.pid(), instance.endpoint());
    return instance;
  }

  /**
   * Turns {@code environment}, the agent's own, into the revision's: without the variables that
   * tune the agent's JVM alone ({@link #AGENT_ONLY}) and any marker the agent itself inherited,
   * with the plan's variables on top (an app that sets one of those in {@code runtime.env} gets
   * it), and this agent's marker when it has one.
   */
  static void revisionEnvironment(
      Map<String, String> environment, Map<String, String> plan, String marker) {
    AGENT_ONLY.forEach(environment::remove);
    environment.putAll(plan);
    environment.remove(ProcessStrays.MARKER);
    if (!marker.isEmpty()) {
      environment.put(ProcessStrays.MARKER, marker);
    }
  }

  /**
   * Finds the process by its pid and accepts it only while it runs and its start time is within 1 s
   * of {@code record.startedAt()}, so that a pid the OS has since given to another process is not
   * taken for the revision. The adopted instance never knows its exit code (see {@link
   * Instance#exitCode()}): the OS tells exit codes to parents only.
   */
  @Override
  public Optional<Instance> adopt(RevisionSpec spec, InstanceRecord record) {
    long pid;
    try {
      pid = Long.parseLong(record.id());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(Liveness::isRunning)
        .filter(handle -> startedAsRecorded(handle, record))
        .map(handle -> ProcessInstance.adopted(handle, record, spec.logFile().toAbsolutePath()));
  }

  private static boolean startedAsRecorded(ProcessHandle handle, InstanceRecord record) {
    // Without a start time the pid alone cannot tell the revision from a stranger: refuse.
    Optional<Instant> started = handle.info().startInstant();
    return started.isPresent()
        && Math.abs(started.get().toEpochMilli() - record.startedAt())
            <= START_TOLERANCE.toMillis();
  }

  /**
   * Sends SIGTERM to the process and all its descendants (a shell script's children too), waits up
   * to {@code grace} for all of them to exit, then sends SIGKILL to whichever remain. Returns once
   * they are gone. Idempotent.
   */
  @Override
  public void stop(Instance instance, Duration grace) {
    if (!(instance instanceof ProcessInstance process)) {
      throw new IllegalArgumentException(
          "instance: "
              + instance
              + " (expected: an instance started or adopted by ProcessRuntime)");
    }
    if (stopTree(process.handle(), grace, instance)) {
      process.awaitReaped(REAPED);
      log.info("stopped {}", instance);
    }
  }

  /**
   * SIGTERM to {@code root} and its descendants, SIGKILL to whichever remain after {@code grace};
   * returns false when none was running.
   */
  static boolean stopTree(ProcessHandle root, Duration grace, Object what) {
    // Descendants are listed before the parent dies: once orphaned they are no longer its.
    List<ProcessHandle> tree = tree(root);
    if (tree.stream().noneMatch(Liveness::isRunning)) {
      return false;
    }
    tree.forEach(ProcessHandle::destroy);
    if (!awaitExit(tree, grace)) {
      List<ProcessHandle> remaining = new ArrayList<>(tree);
      remaining.addAll(tree(root));
      log.warn("{} still running {} after SIGTERM; sending SIGKILL", what, grace);
      remaining.forEach(ProcessHandle::destroyForcibly);
      awaitExit(remaining, Duration.ofSeconds(5));
    }
    return true;
  }

  private static List<ProcessHandle> tree(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(root);
    root.descendants().forEach(tree::add);
    return tree;
  }

  /**
   * Polls rather than waits on {@code onExit()}: for processes that are not its children the JDK
   * polls too, but in steps of 300 ms and more, which would stretch every stop.
   */
  private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (handles.stream().anyMatch(Liveness::isRunning)) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(EXIT_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** One line before each start, so the appended log shows where each run begins. */
  private static void writeHeader(Path logFile, String what, LaunchPlan plan, int port) {
    try {
      Path parent = logFile.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      String line =
          "--- relevo "
              + Instant.now()
              + ": starting "
              + what
              + ": "
              + plan.command()
              + " in "
              + plan.workdir()
              + " on port "
              + port
              + System.lineSeparator();
      Files.writeString(
          logFile,
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.FAILED,
          "cannot start " + what + ": cannot write its log " + logFile + ": " + e.getMessage());
    }
  }

  /** The OS's reason without Java's wrapping: {@code No such file or directory}. */
  static String reason(IOException e) {
    Throwable root = e.getCause() != null ? e.getCause() : e;
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    // The JDK writes "error=2, No such file or directory" or, with its spawn helper,
    // "Exec failed, error: 2 (No such file or directory) ".
    Matcher helper = SPAWN_HELPER_ERROR.matcher(message);
    if (helper.find()) {
      return helper.group(1);
    }
    return message.replaceFirst("^error=\\d+, ", "").strip();
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
