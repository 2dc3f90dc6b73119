package io.relevo.process;

import io.relevo.core.runtime.Endpoint;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One revision running as a local OS process.
 *
 * <p>A process this agent started is its child: its exit code is known once it exits. A process
 * adopted after an agent restart is not: the OS gives exit codes to parents only, so {@link
 * #exitCode()} stays empty for it even after it dies, and {@link #isAlive()} is what tells.
 */
final class ProcessInstance implements Instance {

  private final ProcessHandle handle;
  private final Process child; // null when adopted
  private final InstanceRecord record;
  private final Path logFile;

  private ProcessInstance(
      ProcessHandle handle, Process child, InstanceRecord record, Path logFile) {
    this.handle = handle;
    this.child = child;
    this.record = record;
    this.logFile = logFile;
  }

  static ProcessInstance started(Process child, String host, int port, Path logFile) {
    ProcessHandle handle = child.toHandle();
    InstanceRecord record =
        new InstanceRecord(Long.toString(handle.pid()), host, port, startedAt(handle));
    return new ProcessInstance(handle, child, record, logFile);
  }

  static ProcessInstance adopted(ProcessHandle handle, InstanceRecord record, Path logFile) {
    return new ProcessInstance(handle, null, record, logFile);
  }

  /** Epoch millis of the process's start as the OS reports it, or now when it does not say. */
  static long startedAt(ProcessHandle handle) {
    return handle
        .info()
        .startInstant()
        .map(i -> i.toEpochMilli())
        .orElse(System.currentTimeMillis());
  }

  ProcessHandle handle() {
    return handle;
  }

  @Override
  public InstanceRecord record() {
    return record;
  }

  @Override
  public Endpoint endpoint() {
    return new Endpoint(record.host(), record.port());
  }

  @Override
  public boolean isAlive() {
    return child != null ? child.isAlive() : Liveness.isRunning(handle);
  }

  /**
   * Waits, at most {@code timeout}, until the JDK has reaped a started process that has exited, so
   * that {@link #isAlive()} and {@link #exitCode()} say so: an exited child stays a zombie, alive
   * to {@link Process#isAlive()}, until the JDK's reaper thread collects it.
   */
  void awaitReaped(Duration timeout) {
    if (child == null) {
      return;
    }
    try {
      child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The exit code once a started process has exited; 128 + the signal number when a signal ended it
   * (143 after SIGTERM, 137 after SIGKILL). Always empty for an adopted process.
   */
  @Override
  public Optional<Integer> exitCode() {
    if (child == null || child.isAlive()) {
      return Optional.empty();
    }
    return Optional.of(child.exitValue());
  }

  @Override
  public List<String> logTail(int lines) {
    return LogTail.read(logFile, lines);
  }

  @Override
  public String toString() {
    return "process " + record.id() + " on " + endpoint();
  }
}
