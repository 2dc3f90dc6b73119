package io.relevo.core.config;

import java.util.Objects;

/**
 * One thing wrong in a config file, located for the user: {@code relevo.yml:12:
 * health.readiness.interval: "2x" (expected: a duration like 2s, 500ms, 1m)}.
 *
 * @param file the file name as the user gave it
 * @param line 1-based line of the offending key or value; 0 when the problem is with the whole file
 * @param path dotted path of the setting, with list indexes ({@code smoke[0].path}); empty for the
 *     whole document
 * @param message what is wrong and what was expected
 */
public record ConfigProblem(String file, int line, String path, String message) {

  public ConfigProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line: " + line + " (expected: >= 0)");
    }
  }

  /** {@code file:line: path: message}, leaving out the line when 0 and the path when empty. */
  @Override
  public String toString() {
    return file
        + (line > 0 ? ":" + line : "")
        + ": "
        + (path.isEmpty() ? "" : path + ": ")
        + message;
  }
}
