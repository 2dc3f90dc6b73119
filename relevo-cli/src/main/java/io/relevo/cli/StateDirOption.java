package io.relevo.cli;

import io.relevo.server.StateDir;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir DIR}, for commands that work on the state dir without the agent. */
final class StateDirOption {

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "the agent's state dir (default: $RELEVO_STATE_DIR, else ~/.relevo)")
  Path stateDir;

  StateDir resolve(CliContext context) {
    return StateDir.resolve(stateDir, context.env());
  }
}
