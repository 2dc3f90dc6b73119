package io.relevo.server;

import io.relevo.core.RelevoException;
import java.util.Optional;

/** The refusal of a second agent on a state dir that a live agent owns. */
final class StateDirOwned {

  private StateDirOwned() {}

  /**
   * CONFLICT naming the owner (its pid, start time and API from {@code agent.json} when that file
   * is its), the state dir, and the two ways out.
   */
  static RelevoException by(StateDir stateDir, Optional<AgentFile> owner) {
    Optional<String> url =
        stateDir
            .readAgentFile()
            .filter(file -> owner.isEmpty() || file.pid() == owner.get().pid())
            .map(AgentFile::url);
    String who =
        owner.map(AgentFile::describe).orElse("pid unknown: it is still starting")
            + url.map(u -> ", " + u).orElse("");
    return new RelevoException(
        RelevoException.Kind.CONFLICT,
        "state dir "
            + stateDir.display()
            + " is owned by a running agent ("
            + who
            + "): stop it first, or give this agent another --state-dir");
  }
}
