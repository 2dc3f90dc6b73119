package io.relevo.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;

/**
 * What a command reads from and writes to, passed in so tests run commands in-process.
 *
 * @param env the environment ({@code USER}, {@code RELEVO_STATE_DIR}, {@code RELEVO_TOKEN}, and the
 *     {@code ${VAR}}s of configs)
 * @param out results: tables, JSON, progress
 * @param err messages about failures
 * @param terminal true when {@code out} is a terminal a screen can be redrawn on; false for a pipe,
 *     a file or a test
 */
public record CliContext(
    Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal) {

  public CliContext {
    env = Map.copyOf(Objects.requireNonNull(env, "env"));
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /** A context whose {@code out} is not a terminal. */
  public CliContext(Map<String, String> env, PrintWriter out, PrintWriter err) {
    this(env, out, err, false);
  }

  /** The real environment, stdout and stderr. */
  public static CliContext system() {
    return new CliContext(
        System.getenv(),
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        interactive());
  }

  private static boolean interactive() {
    Console console = System.console();
    if (console == null || "dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    // Java 22+ has a console even for redirected streams and says so with isTerminal(); we are
    // compiled for 21, where a console exists only when stdin and stdout are terminals
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
