package io.relevo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code relevo token}: the agent's named API tokens; alone, lists its commands. */
@Command(
    name = "token",
    description = {
      "Named API tokens with roles (viewer, deployer, approver, admin), for CI and people",
      "away from the agent's host. Managing them needs an admin token; on the host the",
      "state dir's token is one."
    })
final class TokenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }
}
