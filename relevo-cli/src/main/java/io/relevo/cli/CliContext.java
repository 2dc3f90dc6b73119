package io.relevo.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;

/**
 * What a command reads from and writes to, passed in so tests run commands in-process.
 *
 * @param env the environment ({@code USER}, {@code RELEVO_STATE_DIR}, {@code RELEVO_TOKEN}, and the
 *     {@code ${VAR}}s of configs)
 * @param out results: tables, JSON, progress
 * @param err messages about failures
 */
public record CliContext(Map<String, String> env, PrintWriter out, PrintWriter err) {

  public CliContext {
    env = Map.copyOf(Objects.requireNonNull(env, "env"));
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /** The real environment, stdout and stderr. */
  public static CliContext system() {
    return new CliContext(System.getenv(), new PrintWriter(System.out, true),
        new PrintWriter(System.err, true));
  }
}
