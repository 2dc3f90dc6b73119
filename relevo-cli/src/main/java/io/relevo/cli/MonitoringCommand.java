package io.relevo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code relevo monitoring}: files for Prometheus and Grafana; alone it lists its subcommands. */
@Command(
    name = "monitoring",
    description = "Prometheus alert rules and Grafana dashboards for an app.")
final class MonitoringCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }
}
