package io.relevo.cli;

import java.io.Console;
import java.util.Locale;

/** A y/N question on the terminal; no terminal = no. */
final class Confirmation {

  private Confirmation() {}

  /** True when the user answered y or yes on the terminal; false otherwise or without one. */
  static boolean ask(CliContext context, String question) {
    Console console = System.console();
    if (!context.terminal() || console == null) {
      return false;
    }
    String answer = console.readLine("%s", question);
    return answer != null
        && switch (answer.strip().toLowerCase(Locale.ROOT)) {
          case "y", "yes" -> true;
          default -> false;
        };
  }
}
