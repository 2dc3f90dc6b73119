package io.relevo.server;

import io.relevo.core.RelevoException;
import io.relevo.proxy.daemon.ProxyBuild;
import io.relevo.proxy.daemon.ProxyClient;
import io.relevo.proxy.daemon.ProxyDaemon;
import io.relevo.proxy.daemon.ProxyFile;
import io.relevo.proxy.daemon.ProxyJvm;
import io.relevo.proxy.daemon.ProxyPaths;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's hold on the proxy process of its state dir: re-adopts the one that runs (by {@code
 * proxy.json}'s pid and start time, and an answer on its socket), or starts one with the agent's
 * own java and class path, in a session of its own so that it outlives the agent (even a {@code
 * kill -9} of the agent's process group). While the agent runs it watches the process through a
 * connection that the kernel closes when the process ends, and starts a new one at once; the new
 * one reloads the routes file. {@link #close()} stops watching and leaves the proxy running.
 */
final class ProxyProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProxyProcess.class);

  /** How long a standby may take to serve in place of a dead proxy process. */
  private static final Duration STANDBY_PATIENCE = Duration.ofSeconds(3);

  /** How long a new proxy process may take to answer on its socket. */
  private static final Duration START_PATIENCE = Duration.ofSeconds(20);

  /** The JVM of the proxy process, small (see {@link ProxyJvm}). */
  static final List<String> JVM_FLAGS = ProxyJvm.OPTIONS;

  private final ProxyPaths paths;
  private final ProxyClient client;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile ProxyClient.Watch watch;
  private volatile ProxyFile current;

  private ProxyProcess(ProxyPaths paths) {
    this.paths = paths;
    this.client = new ProxyClient(paths.socket(), START_PATIENCE);
  }

  /**
   * Re-adopts the state dir's proxy process, or starts one, and watches it.
   *
   * @throws RelevoException UNAVAILABLE when no proxy process answers in time
   */
  static ProxyProcess adoptOrStart(StateDir stateDir) {
    return lookUp(stateDir).adoptOrStart();
  }

  /**
   * The half of {@link #adoptOrStart} that starts nothing: reads {@code proxy.json} and asks the
   * process it names whether it runs. The agent does it while its history opens, and adopts or
   * starts a proxy process only once the history proved readable.
   */
  static Found lookUp(StateDir stateDir) {
    ProxyProcess process = new ProxyProcess(new ProxyPaths(stateDir.path()));
    return new Found(process, process.running(Duration.ofSeconds(2)));
  }

  /** What {@link #lookUp} found: the proxy process that answered, or none. */
  record Found(ProxyProcess process, Optional<ProxyFile> running) {

    /** Re-adopts the process found, or starts one, and watches it. */
    ProxyProcess adoptOrStart() {
      process.adopt(running);
      return process;
    }
  }

  private void adopt(Optional<ProxyFile> running) {
    if (running.isPresent() && !running.get().build().equals(ProxyBuild.current())) {
      log.info(
          "proxy process {} runs another build of relevo; replacing it without a pause",
          running.get().describe());
      current = launch(true);
    } else if (running.isPresent()) {
      current = running.get();
      log.info(
          "proxy process {} re-adopted; its front doors kept serving", running.get().describe());
    } else {
      current = launch(false);
    }
    ensureStandby();
    startWatching();
  }

  /** The client of the proxy process's control socket: the agent's router and metrics source. */
  ProxyClient client() {
    return client;
  }

  /** The proxy process that serves now. */
  ProxyFile current() {
    return current;
  }

  /** The proxy named by {@code proxy.json} if it runs and answers on its socket. */
  private Optional<ProxyFile> running(Duration patience) {
    Optional<ProxyFile> file = readProcessFile().filter(ProxyFile::alive);
    if (file.isEmpty() || !Files.exists(paths.socket())) {
      return Optional.empty();
    }
    try (ProxyClient once = new ProxyClient(paths.socket(), patience)) {
      ProxyFile answering = once.ping();
      return answering.pid() == file.get().pid() ? Optional.of(answering) : Optional.empty();
    } catch (RelevoException e) {
      log.warn(
          "proxy process {} does not answer on {}: {}",
          file.get().describe(),
          paths.socket(),
          e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<ProxyFile> readProcessFile() {
    return readFile(paths.processFile());
  }

  private static Optional<ProxyFile> readFile(Path file) {
    try {
      return Optional.of(Json.mapper().readValue(file.toFile(), ProxyFile.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Replaces the running proxy process with a new one of this process's build, without a pause: the
   * new one takes the listening sockets over and the old one drains and exits (or simply starts one
   * when none runs).
   *
   * @return the new process
   */
  static ProxyFile restart(StateDir stateDir) {
    return new ProxyProcess(new ProxyPaths(stateDir.path())).launch(true);
  }

  /** The proxy process that serves the state dir, if one runs and answers. */
  static Optional<ProxyFile> find(StateDir stateDir) {
    return new ProxyProcess(new ProxyPaths(stateDir.path())).running(Duration.ofSeconds(2));
  }

  /** Stops the state dir's proxy process, if one runs: its front doors close with it. */
  static Optional<ProxyFile> stop(StateDir stateDir) {
    ProxyProcess process = new ProxyProcess(new ProxyPaths(stateDir.path()));
    Optional<ProxyFile> running = process.running(Duration.ofSeconds(2));
    running.ifPresent(
        file -> {
          process.client.stopProcess();
          process.client.close();
          long deadline = System.nanoTime() + START_PATIENCE.toNanos();
          while (file.alive() && System.nanoTime() < deadline) {
            sleepQuietly(20);
          }
        });
    return running;
  }

  /** Starts a proxy process (taking over from the running one) and waits until it answers. */
  private ProxyFile launch(boolean takeOver) {
    long start = System.nanoTime();
    Process process = spawn(takeOver ? ProxyDaemon.TAKE_OVER : null);
    ProxyFile answering = awaitAnswer(process);
    log.info(
        "proxy process pid {} started in {} ms (log {})",
        process.pid(),
        (System.nanoTime() - start) / 1_000_000,
        paths.log());
    return answering;
  }

  /**
   * Makes sure a hot standby of this build waits next to the serving process (see {@code Standby}):
   * one that runs another build is stopped and replaced. Does not wait for it.
   */
  private void ensureStandby() {
    Optional<ProxyFile> standby = readFile(paths.standbyFile()).filter(ProxyFile::alive);
    if (standby.isPresent() && standby.get().build().equals(ProxyBuild.current())) {
      return;
    }
    standby.flatMap(s -> ProcessHandle.of(s.pid())).ifPresent(ProcessHandle::destroy);
    try {
      spawn(ProxyDaemon.STANDBY);
    } catch (RelevoException e) {
      log.warn("no standby proxy process: {}", e.getMessage());
    }
  }

  private Process spawn(String mode) {
    List<String> command = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      command.add("/usr/bin/setsid"); // its own session: no signal to the agent's group reaches it
    }
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(JVM_FLAGS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(ProxyDaemon.class.getName());
    command.add(paths.stateDir().toString());
    if (mode != null) {
      command.add(mode);
    }
    try {
      Files.createDirectories(paths.log().getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.log().toFile()))
              .redirectErrorStream(true);
      builder.environment().putAll(ProxyJvm.ENVIRONMENT);
      return builder.start();
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "cannot start the proxy process (" + String.join(" ", command.subList(0, 2)) + "): " + e,
          e);
    }
  }

  private ProxyFile awaitAnswer(Process process) {
    long deadline = System.nanoTime() + START_PATIENCE.toNanos();
    try (ProxyClient quick = new ProxyClient(paths.socket(), Duration.ofMillis(50))) {
      return awaitAnswer(process, quick, deadline);
    }
  }

  private ProxyFile awaitAnswer(Process process, ProxyClient quick, long deadline) {
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new RelevoException(
            RelevoException.Kind.UNAVAILABLE,
            "the proxy process ended at start (exit "
                + process.exitValue()
                + "); see "
                + paths.log());
      }
      try {
        ProxyFile answering = quick.ping();
        if (answering.pid() == process.pid()) {
          return answering;
        }
      } catch (RelevoException e) {
        // not up yet
      }
    }
    process.destroyForcibly();
    throw new RelevoException(
        RelevoException.Kind.UNAVAILABLE,
        "the proxy process did not answer within "
            + START_PATIENCE.toSeconds()
            + " s; see "
            + paths.log());
  }

  private void startWatching() {
    Thread.ofPlatform().daemon().name("relevo-proxy-watch").start(this::watchLoop);
  }

  private void watchLoop() {
    while (!closed.get()) {
      try {
        watch = client.watch();
        if (closed.get()) {
          watch.close();
          return;
        }
        watch.awaitEnd();
      } catch (IOException e) {
        // no proxy to watch: start one below
      }
      if (closed.get()) {
        return;
      }
      Optional<ProxyFile> running = successor();
      if (running.isPresent()) {
        // the standby serves in its place, or a planned restart's new process does
        if (running.get().pid() != current.pid()) {
          log.info(
              "proxy process {} ended; {} serves in its place",
              current.describe(),
              running.get().describe());
        }
        current = running.get();
        ensureStandby();
        continue;
      }
      log.warn("proxy process {} ended; starting a new one", current.describe());
      try {
        current = launch(false);
        ensureStandby();
      } catch (RelevoException e) {
        log.error("{}; trying again", e.getMessage());
        sleepQuietly(1000);
      }
    }
  }

  /**
   * The process that serves after the watched one ended: found at once after a planned restart;
   * when a standby runs, given {@link #STANDBY_PATIENCE} to take over before the agent starts a new
   * process itself.
   */
  private Optional<ProxyFile> successor() {
    boolean standby = readFile(paths.standbyFile()).filter(ProxyFile::alive).isPresent();
    long deadline = System.nanoTime() + (standby ? STANDBY_PATIENCE.toNanos() : 0);
    do {
      Optional<ProxyFile> running = running(Duration.ofMillis(50));
      if (running.isPresent()) {
        return running;
      }
      sleepQuietly(10);
    } while (System.nanoTime() < deadline && !closed.get());
    return Optional.empty();
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops watching; the proxy process keeps serving. Idempotent. */
  @Override
  public void close() {
    client.close();
    if (closed.compareAndSet(false, true) && watch != null) {
      try {
        watch.close();
      } catch (IOException e) {
        // closed either way
      }
    }
  }

  @Override
  public String toString() {
    return "proxy process " + (current == null ? "" : current.describe());
  }
}
