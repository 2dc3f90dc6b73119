package io.relevo.cli;

import io.relevo.server.ProxyControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code relevo proxy stop}: ends the proxy process and with it every front door. A running agent
 * starts a new one at once (from the routes file); without an agent the doors stay closed until one
 * starts.
 */
@Command(
    name = "stop",
    description = {
      "Stop the proxy process: every front door closes. A running agent starts a new one",
      "at once; stop the agent first to keep the front doors closed."
    })
final class ProxyStopCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin StateDirOption stateDir;
  @Mixin HelpOption help;

  ProxyStopCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context
        .out()
        .println(
            ProxyControl.stop(stateDir.resolve(context))
                .map(stopped -> "proxy stopped: " + stopped.describe())
                .orElse("no proxy process was running"));
    context.out().flush();
    return ExitCodes.OK;
  }
}
