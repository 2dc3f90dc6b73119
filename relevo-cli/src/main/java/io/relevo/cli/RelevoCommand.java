package io.relevo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root: {@code relevo} alone prints the commands. */
@Command(
    name = "relevo",
    mixinStandardHelpOptions = true,
    versionProvider = Versions.class,
    description = "Zero-downtime deploys with automatic rollback.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 rollout failed or refused, 2 bad input, 3 agent unreachable,",
      "4 token refused, 5 token lacks the role."
    })
final class RelevoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }
}
