package io.relevo.core.database;

import io.relevo.core.RelevoException;
import java.util.List;

/** The port to a SQL linter for one database's dialect; the engine decides errors vs warnings. */
public interface SqlLinter {

  /** The statements of {@code sql} that are destructive, locking or unreadable, in order. */
  List<LintIssue> lint(String sql);

  /** No linter wired: linting fails, so no migration runs unchecked. */
  static SqlLinter none() {
    return sql -> {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE, "this agent has no SQL linter; migrations cannot run");
    };
  }
}
