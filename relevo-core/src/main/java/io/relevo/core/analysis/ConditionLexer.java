package io.relevo.core.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a condition into tokens. Numbers take an optional unit right after them: {@code %}
 * (divided by 100), {@code ms}, {@code s}, {@code m}, {@code h} (converted to seconds, the unit of
 * the latency metrics).
 */
final class ConditionLexer {

  private static final String UNITS = "a unit (%, ms, s, m or h) or a space";

  private ConditionLexer() {}

  static List<Token> tokens(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isDigit(c)) {
        i = number(text, i, tokens);
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < text.length()
            && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
        tokens.add(new Token(Token.Kind.WORD, text.substring(start, i), 0, start + 1));
      } else if (text.startsWith(">=", i)
          || text.startsWith("<=", i)
          || text.startsWith("==", i)
          || text.startsWith("!=", i)) {
        tokens.add(new Token(Token.Kind.SYMBOL, text.substring(i, i + 2), 0, i + 1));
        i += 2;
      } else if ("+-*/()<>".indexOf(c) >= 0) {
        tokens.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), 0, i + 1));
        i++;
      } else {
        tokens.add(new Token(Token.Kind.UNKNOWN, String.valueOf(c), 0, i + 1));
        i++;
      }
    }
    tokens.add(new Token(Token.Kind.END, "", 0, text.length() + 1));
    return tokens;
  }

  private static int number(String text, int start, List<Token> tokens) {
    int i = start;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      i++;
    }
    if (i < text.length() && text.charAt(i) == '.') {
      i++;
      if (i >= text.length() || !Character.isDigit(text.charAt(i))) {
        throw new ConditionSyntaxException(text, i + 1, "a digit after the decimal point");
      }
      while (i < text.length() && Character.isDigit(text.charAt(i))) {
        i++;
      }
    }
    double value = Double.parseDouble(text.substring(start, i));
    int unitStart = i;
    while (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '%')) {
      i++;
    }
    double scale =
        switch (text.substring(unitStart, i)) {
          case "" -> 1;
          case "%" -> 0.01;
          case "ms" -> 0.001;
          case "s" -> 1;
          case "m" -> 60;
          case "h" -> 3600;
          default -> throw new ConditionSyntaxException(text, unitStart + 1, UNITS);
        };
    tokens.add(new Token(Token.Kind.NUMBER, text.substring(start, i), value * scale, start + 1));
    return i;
  }
}
