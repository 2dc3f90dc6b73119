package io.relevo.cli;

import io.relevo.server.ProxyControl;
import io.relevo.server.StateDir;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code relevo proxy status}: which proxy process serves the state dir's front doors. */
@Command(name = "status", description = "Say which proxy process serves the front doors, if any.")
final class ProxyStatusCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin StateDirOption stateDir;
  @Mixin HelpOption help;

  ProxyStatusCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    StateDir dir = stateDir.resolve(context);
    context
        .out()
        .println(
            ProxyControl.find(dir)
                .map(
                    p ->
                        "proxy: "
                            + p.describe()
                            + ", started "
                            + p.started()
                            + ", build "
                            + p.build()
                            + "; log "
                            + dir.logs().resolve("proxy.log"))
                .orElse("proxy: not running (the agent starts it)"));
    context.out().flush();
    return ExitCodes.OK;
  }
}
