package io.relevo.cli;

import io.relevo.server.AgentClient;
import io.relevo.server.AgentCredentials;
import io.relevo.server.StateDir;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a command finds the agent and proves itself: the state dir's {@code agent.json} and token, or
 * an explicit URL with a token from {@code --token-file} or {@code RELEVO_TOKEN}.
 */
final class AgentConnection {

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "the agent's state dir (default: $RELEVO_STATE_DIR, else ~/.relevo)")
  Path stateDir;

  @Option(
      names = {"--agent", "--api"},
      paramLabel = "URL",
      description =
          "the agent's API, like http://127.0.0.1:7070 or https://deploy.example.com:7443;"
              + " its token comes from --token-file or $RELEVO_TOKEN")
  URI agent;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "a file holding the API token (default: $RELEVO_TOKEN, else the state dir's)")
  Path tokenFile;

  @Option(
      names = "--ca-cert",
      paramLabel = "FILE",
      description = "trust only the CA certificates in this PEM file for an https:// agent")
  Path caCert;

  StateDir stateDir(CliContext context) {
    return StateDir.resolve(stateDir, context.env());
  }

  AgentClient client(CliContext context) {
    return AgentClient.locate(
        stateDir(context), agent, context.env(), new AgentCredentials(tokenFile, caCert));
  }
}
