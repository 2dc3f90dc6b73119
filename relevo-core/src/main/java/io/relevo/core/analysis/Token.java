package io.relevo.core.analysis;

/**
 * One token of a condition.
 *
 * @param kind what it is
 * @param text as written ("" for the end)
 * @param value a number's value in base units (seconds, fractions); 0 otherwise
 * @param column 1-based column of its first character
 */
record Token(Kind kind, String text, double value, int column) {

  enum Kind {
    NUMBER,
    WORD,
    SYMBOL,
    END,
    /** A character no token starts with; the parser reports what it expected there. */
    UNKNOWN
  }

  boolean is(String symbolOrWord) {
    return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equals(symbolOrWord);
  }
}
