package io.relevo.server;

/**
 * The content of {@code STATE/agent.json}: where the agent that owns a state dir listens. Written
 * when the agent's API is up, deleted when it stops cleanly.
 *
 * @param url the admin API, like {@code http://127.0.0.1:7070}
 * @param pid the agent's process id, to tell a live agent from a file left by a crash
 */
public record AgentFile(String url, long pid) {

  /** True while the process that wrote this file still runs. */
  public boolean ownerAlive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
