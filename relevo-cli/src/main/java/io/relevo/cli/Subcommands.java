package io.relevo.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The root command's subcommands, built only when needed. Picocli reads every command's annotations
 * by reflection when it is added, which costs more than a whole {@code relevo status} round trip
 * otherwise; a command line that names a subcommand gets that one alone. Anything else (no
 * arguments, {@code --help}, a mistyped name) gets them all, so help lists every command and a typo
 * is answered with the names that exist.
 */
final class Subcommands {

  private final Map<String, Supplier<Object>> commands = new LinkedHashMap<>();

  /**
   * Adds a subcommand, in the order help lists them.
   *
   * @param command makes the command object, or a {@link CommandLine} with its own subcommands
   */
  Subcommands add(String name, Supplier<Object> command) {
    commands.put(name, command);
    return this;
  }

  /** Adds to {@code root} the subcommand that {@code first} names, or all of them. */
  void installInto(CommandLine root, String first) {
    Supplier<Object> named = first == null ? null : commands.get(first);
    if (named != null) {
      root.addSubcommand(first, named.get());
      return;
    }
    commands.forEach((name, command) -> root.addSubcommand(name, command.get()));
  }
}
