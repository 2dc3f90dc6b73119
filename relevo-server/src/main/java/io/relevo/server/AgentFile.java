package io.relevo.server;

import java.time.Duration;
import java.time.Instant;

/**
 * The content of {@code STATE/agent.json}: where the agent that owns a state dir listens. Written
 * when the agent's API is up, deleted when it stops cleanly. The agent's lock file holds the same
 * record without the URL.
 *
 * @param url the admin API, like {@code http://127.0.0.1:7070}; null in the lock file
 * @param pid the agent's process id, to tell a live agent from a file left by a crash
 * @param started when that process started, to tell it from a later process given the same pid;
 *     null in files of older agents, which are then judged by their pid alone
 */
public record AgentFile(String url, long pid, Instant started) {

  /**
   * How far two readings of one process's start time may differ: the OS derives it from the boot
   * time, which clock adjustments move by a fraction of a second.
   */
  private static final Duration SAME_START = Duration.ofSeconds(2);

  /** This process, as it records itself. */
  static AgentFile ofThisProcess(String url) {
    ProcessHandle self = ProcessHandle.current();
    return new AgentFile(url, self.pid(), self.info().startInstant().orElse(null));
  }

  /**
   * True while the process that wrote this file still runs: a process with its pid exists and, when
   * both start times are known, started when it did (pids are reused).
   */
  public boolean ownerAlive() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(process -> sameStart(process.info().startInstant().orElse(null)))
        .orElse(false);
  }

  private boolean sameStart(Instant actual) {
    return started == null
        || actual == null
        || Duration.between(started, actual).abs().compareTo(SAME_START) <= 0;
  }

  /** {@code pid 4242, started 2026-11-24T10:15:30Z}: how messages name the owner. */
  String describe() {
    return "pid "
        + pid
        + (started == null
            ? ""
            : ", started " + started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }
}
