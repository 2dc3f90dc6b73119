package io.relevo.core.analysis;

/**
 * A condition that does not parse. The message names the text, the 1-based column and what was
 * expected there: {@code "canary - > 0.05": at column 10: expected a number, a duration, canary or
 * stable}. The config loader can add the YAML line in front.
 */
public final class ConditionSyntaxException extends IllegalArgumentException {

  private final String text;
  private final int column;
  private final String expected;

  ConditionSyntaxException(String text, int column, String expected) {
    super("\"" + text + "\": at column " + column + ": expected " + expected);
    this.text = text;
    this.column = column;
    this.expected = expected;
  }

  /** The condition as written. */
  public String text() {
    return text;
  }

  /** 1-based column of the offending character; one past the end when the text ended early. */
  public int column() {
    return column;
  }

  /** What would have been valid at {@link #column()}. */
  public String expected() {
    return expected;
  }
}
