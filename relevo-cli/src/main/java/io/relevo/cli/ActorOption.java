package io.relevo.cli;

import picocli.CommandLine.Option;

/** Who runs a command, as history records it: {@code --actor}, else {@code $USER}. */
final class ActorOption {

  @Option(
      names = "--actor",
      paramLabel = "NAME",
      description = "who to record as the actor (default: $USER)")
  String actor;

  String actor(CliContext context) {
    if (actor != null && !actor.isBlank()) {
      return actor;
    }
    String user = context.env().get("USER");
    return user == null || user.isBlank() ? System.getProperty("user.name", "unknown") : user;
  }
}
