package io.relevo.cli;

import io.relevo.proxy.daemon.ProxyFile;
import io.relevo.server.ProxyControl;
import io.relevo.server.StateDir;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code relevo proxy restart}: replaces the proxy process with one of this relevo without a pause
 * (after an upgrade, say); the new process takes the listening sockets over.
 */
@Command(
    name = "restart",
    description = {
      "Replace the proxy process with a new one of this relevo, losing no request:",
      "the new one takes the listening sockets over, the old one drains and exits."
    })
final class ProxyRestartCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin StateDirOption stateDir;
  @Mixin HelpOption help;

  ProxyRestartCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    StateDir dir = stateDir.resolve(context);
    Optional<ProxyFile> old = ProxyControl.find(dir);
    ProxyFile next = ProxyControl.restart(dir);
    context
        .out()
        .println(
            old.map(
                    o ->
                        "proxy restarted: "
                            + next.describe()
                            + " serves now; "
                            + o.describe()
                            + " drains its connections and exits")
                .orElse("proxy started: " + next.describe() + " (none was running)"));
    context.out().flush();
    return ExitCodes.OK;
  }
}
