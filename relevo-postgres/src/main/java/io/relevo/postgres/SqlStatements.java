package io.relevo.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at top-level semicolons, with the line each starts on.
 * Semicolons inside quotes ('…', "…"), dollar quotes ($$…$$, $tag$…$tag$) and comments (-- …, /* …
 * *&#47;) do not split; comments are dropped from the statements.
 */
final class SqlStatements {

  /** One statement and the line it starts on, from 1. */
  record Statement(int line, String sql) {}

  private SqlStatements() {}

  static List<Statement> split(String script) {
    List<Statement> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int line = 1;
    int startLine = -1;
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        while (i < n && script.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        line += count(script, i, end);
        current.append(' ');
        i = end;
        continue;
      }
      if (c == ';') {
        add(statements, current, startLine);
        current.setLength(0);
        startLine = -1;
        i++;
        continue;
      }
      if (!Character.isWhitespace(c) && startLine < 0) {
        startLine = line;
      }
      int end = i + 1;
      if (c == '\'' || c == '"') {
        end = closing(script, i + 1, c);
      } else if (c == '$') {
        int tagEnd = script.indexOf('$', i + 1);
        String tag = tagEnd < 0 ? null : script.substring(i, tagEnd + 1);
        if (tag != null && tag.matches("\\$[A-Za-z_0-9]*\\$")) {
          int close = script.indexOf(tag, tagEnd + 1);
          end = close < 0 ? n : close + tag.length();
        }
      }
      line += count(script, i, end);
      current.append(script, i, end);
      i = end;
    }
    add(statements, current, startLine);
    return statements;
  }

  private static int closing(String script, int from, char quote) {
    int i = from;
    while (i < script.length()) {
      if (script.charAt(i) == quote) {
        if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return script.length();
  }

  private static int count(String script, int from, int to) {
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (script.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static void add(List<Statement> statements, StringBuilder sql, int line) {
    String text = sql.toString().strip();
    if (!text.isEmpty()) {
      statements.add(new Statement(line, text));
    }
  }
}
