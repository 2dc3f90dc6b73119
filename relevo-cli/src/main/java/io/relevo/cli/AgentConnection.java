package io.relevo.cli;

import io.relevo.server.AgentClient;
import io.relevo.server.StateDir;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a command finds the agent: the state dir's {@code agent.json}, or an explicit URL. */
final class AgentConnection {

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "the agent's state dir (default: $RELEVO_STATE_DIR, else ~/.relevo)")
  Path stateDir;

  @Option(
      names = "--agent",
      paramLabel = "URL",
      description =
          "the agent's API, like http://127.0.0.1:7070; its token comes from $RELEVO_TOKEN")
  URI agent;

  StateDir stateDir(CliContext context) {
    return StateDir.resolve(stateDir, context.env());
  }

  AgentClient client(CliContext context) {
    return AgentClient.locate(stateDir(context), agent, context.env());
  }
}
