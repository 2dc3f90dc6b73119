package io.relevo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code relevo secrets}: the secrets a config names; alone it prints its subcommands. */
@Command(
    name = "secrets",
    description = "Work with the secrets gates.secrets names.",
    mixinStandardHelpOptions = true)
final class SecretsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }
}
