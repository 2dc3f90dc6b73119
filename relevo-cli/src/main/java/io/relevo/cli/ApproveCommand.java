package io.relevo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relevo approve APP --rollout N}: approves a deploy that waits for approvals. */
@Command(
    name = "approve",
    description = {
      "Approve a deploy that waits for approvals (gates.approvals); `relevo status APP` shows it as"
          + " pending with its rollout id. The person who asked for the deploy cannot approve it.",
      "Exits 2 for a rollout that does not exist or does not wait, an expired request, or an"
          + " approver the policy does not accept."
    })
final class ApproveCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Option(
      names = "--rollout",
      required = true,
      paramLabel = "N",
      description = "the id of the pending deploy")
  long rollout;

  @Mixin ActorOption actor;
  @Mixin AgentConnection connection;
  @Mixin HelpOption help;

  ApproveCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String who = actor.actor(context);
    String state = connection.client(context).approve(app, rollout, who);
    context.out().println(app + ": rollout " + rollout + " approved by " + who + "; " + state);
    context.out().flush();
    return ExitCodes.OK;
  }
}
