package io.relevo.core.database;

import io.relevo.core.RelevoException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The port that runs a migration command ({@code sh -c COMMAND}) to its end. */
public interface CommandRunner {

  /**
   * Runs {@code command} in {@code workdir} with {@code env} added to the agent's environment;
   * kills it after {@code timeout}. Never throws for the command's own failure: that is in the
   * result.
   */
  CommandResult run(String command, Map<String, String> env, Path workdir, Duration timeout);

  /** No runner wired: every command fails to start, saying so. */
  static CommandRunner none() {
    return (command, env, workdir, timeout) -> {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE, "this agent cannot run migration commands");
    };
  }
}
