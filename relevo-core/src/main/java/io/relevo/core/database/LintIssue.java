package io.relevo.core.database;

import java.util.Objects;

/**
 * One statement of a migration's SQL that a linter flags.
 *
 * @param line the line the statement starts on in the previewed SQL, from 1
 * @param kind what is wrong with it
 * @param statement the statement, shortened for a message
 * @param why what it does to the database and the running app
 */
public record LintIssue(int line, Kind kind, String statement, String why) {

  /** What a flagged statement risks. */
  public enum Kind {
    /** Loses data or breaks the previous revision's code: DROP, RENAME, TYPE, NOT NULL, … */
    DESTRUCTIVE,
    /** Holds a lock that blocks writes while it runs: an index built without CONCURRENTLY, … */
    LOCKING,
    /** The parser cannot read it, so nobody checked it. */
    UNPARSED
  }

  public LintIssue {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(why, "why");
    if (line < 1) {
      throw new IllegalArgumentException("line: " + line + " (expected: >= 1)");
    }
  }

  /**
   * {@code line 3: ALTER TABLE r DROP COLUMN guest: destructive: drops the column and its data}.
   */
  public String describe() {
    return "line "
        + line
        + ": "
        + statement
        + ": "
        + kind.name().toLowerCase(java.util.Locale.ROOT)
        + ": "
        + why;
  }
}
