package io.relevo.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One hook: a command run without a shell, with a time limit.
 *
 * @param command the program and its arguments; a relative program path resolves against the config
 *     file's folder
 * @param timeout how long it may run before it is killed and counts as failed; default 60 s
 */
public record HookCommand(List<String> command, Duration timeout) {

  public HookCommand {
    Objects.requireNonNull(command, "command");
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command: [] (expected: a program and its arguments)");
    }
    timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
  }
}
