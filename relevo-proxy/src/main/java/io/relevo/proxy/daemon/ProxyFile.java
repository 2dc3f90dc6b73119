package io.relevo.proxy.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The content of {@code STATE/proxy.json}: which process serves the state dir's front doors, so an
 * agent can re-adopt it. Written by the proxy process once its control socket answers.
 *
 * @param pid the proxy's process id
 * @param started when that process started, to tell it from a later process given the same pid
 * @param build what the process runs, so an agent can tell a proxy of an older relevo (see {@link
 *     ProxyBuild})
 */
public record ProxyFile(long pid, Instant started, String build) {

  /** How far two readings of one process's start time may differ (boot-time clock adjustments). */
  private static final Duration SAME_START = Duration.ofSeconds(2);

  /** This process, as it records itself. */
  static ProxyFile ofThisProcess() {
    ProcessHandle self = ProcessHandle.current();
    return new ProxyFile(self.pid(), self.info().startInstant().orElse(null), ProxyBuild.current());
  }

  /**
   * True while the process that wrote this file still runs (same pid and start time). A zombie (a
   * killed process its parent has not collected, which is common for an orphan in a container whose
   * first process reaps nothing) is not running, though {@link ProcessHandle#isAlive} says it is.
   */
  public boolean alive() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(process -> !zombie(process.pid()))
        .map(process -> sameStart(process.info().startInstant().orElse(null)))
        .orElse(false);
  }

  /** State Z in {@code /proc/PID/stat} (Linux); false where there is no such file. */
  static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int end = stat.lastIndexOf(')');
      return end > 0 && stat.length() > end + 2 && stat.charAt(end + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private boolean sameStart(Instant actual) {
    return started == null
        || actual == null
        || Duration.between(started, actual).abs().compareTo(SAME_START) <= 0;
  }

  /** {@code pid 4242}: how messages name the process. */
  public String describe() {
    return "pid " + pid;
  }
}
