package io.relevo.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code relevo agent}'s command line read without picocli, on the agent's start path. Picocli's
 * jar is built for Java 5, whose classes an ahead-of-time cache cannot link: building and parsing
 * the {@code agent} command with it costs ~150 ms of a restart (docs/STARTUP.md). This reads only
 * the plain lines: {@code agent} then {@link AgentCommand}'s options, each at most once, as {@code
 * --name value} or {@code --name=value}. Anything else (help, an unknown or repeated option, a
 * positional argument, an {@code @file}, a value that looks like an option, a log format that is
 * not one) is left to picocli, which answers it as it always has.
 */
final class AgentLine {

  private AgentLine() {}

  /** The agent command {@code args} describe, or empty when picocli must read them. */
  static Optional<AgentCommand> parse(String[] args, CliContext context) {
    if (args.length == 0 || !"agent".equals(args[0])) {
      return Optional.empty();
    }
    AgentCommand command = new AgentCommand(context);
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return Optional.empty();
      }
      if (!seen.add(name) || !plain(value) || !set(command, name, value)) {
        return Optional.empty();
      }
    }
    return Optional.of(command);
  }

  /** Runs a command {@link #parse} returned, answering its failures as picocli's handler does. */
  static int run(AgentCommand command, CliContext context) {
    try {
      return command.call();
    } catch (Exception e) {
      return ExitCodes.report(e, context.err());
    }
  }

  private static boolean plain(String value) {
    return !value.isEmpty() && !value.startsWith("-") && !value.startsWith("@");
  }

  private static boolean set(AgentCommand command, String name, String value) {
    try {
      switch (name) {
        case "--state-dir" -> command.stateDir = Path.of(value);
        case "--api" -> command.api = value;
        case "--api-tls-cert" -> command.tlsCert = Path.of(value);
        case "--api-tls-key" -> command.tlsKey = Path.of(value);
        case "--log-format" ->
            command.logFormat = LogFormat.valueOf(value.toUpperCase(Locale.ROOT));
        default -> {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException e) { // an InvalidPathException, or not a LogFormat
      return false;
    }
  }
}
