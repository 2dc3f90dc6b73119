package io.relevo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code relevo proxy}: the proxy process that holds the front doors; alone, lists its commands.
 */
@Command(
    name = "proxy",
    description = {
      "The proxy process that holds the front doors, apart from the agent:",
      "it keeps serving while the agent is down or restarting."
    })
final class ProxyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }
}
