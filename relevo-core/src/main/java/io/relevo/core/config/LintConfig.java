package io.relevo.core.config;

import java.util.Objects;

/**
 * {@code migrations.lint}: which flagged statements stop a deploy (error) and which are only
 * reported (warning).
 *
 * @param destructive DROP TABLE/COLUMN, RENAME, ALTER COLUMN TYPE, SET NOT NULL, TRUNCATE,
 *     DELETE/UPDATE without WHERE; default error
 * @param locking CREATE INDEX without CONCURRENTLY, ADD COLUMN with a volatile default; default
 *     warning
 * @param unparsed statements the parser cannot read; default warning
 */
public record LintConfig(Level destructive, Level locking, Level unparsed) {

  /** What a flagged statement does to the deploy. */
  public enum Level {
    ERROR,
    WARNING
  }

  public LintConfig {
    destructive = destructive == null ? Level.ERROR : destructive;
    locking = locking == null ? Level.WARNING : locking;
    unparsed = unparsed == null ? Level.WARNING : unparsed;
  }

  public static LintConfig defaults() {
    return new LintConfig(null, null, null);
  }

  /** The level for {@code kind}, by its name: destructive, locking or unparsed. */
  public Level level(String kind) {
    Objects.requireNonNull(kind, "kind");
    return switch (kind) {
      case "DESTRUCTIVE" -> destructive;
      case "LOCKING" -> locking;
      default -> unparsed;
    };
  }
}
