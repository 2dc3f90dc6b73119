package io.relevo.core.analysis;

import java.util.List;
import java.util.Set;

/**
 * Recursive descent over the grammar below; {@code and} binds tighter than {@code or}, and
 * parentheses group arithmetic only.
 *
 * <pre>
 * condition  = conjunction { "or" conjunction }
 * conjunction = comparison { "and" comparison }
 * comparison = sum ( "&gt;" | "&gt;=" | "&lt;" | "&lt;=" | "==" | "!=" ) sum
 * sum        = product { ( "+" | "-" ) product }
 * product    = unary { ( "*" | "/" ) unary }
 * unary      = "-" unary | primary
 * primary    = number [ "%" | "ms" | "s" | "m" | "h" ] | "canary" | "stable" | "(" sum ")"
 * </pre>
 */
final class ConditionParser {

  private static final Set<String> COMPARISONS = Set.of(">", ">=", "<", "<=", "==", "!=");
  private static final String VALUE = "a number, a duration, canary or stable";
  private static final String COMPARISON = "an operator or a comparison (>, >=, <, <=, ==, !=)";
  private static final String CONTINUATION = "an operator, and, or, or the end";

  private final String text;
  private final List<Token> tokens;
  private int position;

  private ConditionParser(String text) {
    this.text = text;
    this.tokens = ConditionLexer.tokens(text);
  }

  static Expression.Test parse(String text) {
    ConditionParser parser = new ConditionParser(text);
    Expression.Test test = parser.condition();
    if (parser.peek().kind() != Token.Kind.END) {
      throw parser.expected(CONTINUATION);
    }
    return test;
  }

  private Expression.Test condition() {
    Expression.Test left = conjunction();
    while (peek().is("or")) {
      position++;
      left = new Expression.Or(left, conjunction());
    }
    return left;
  }

  private Expression.Test conjunction() {
    Expression.Test left = comparison();
    while (peek().is("and")) {
      position++;
      left = new Expression.And(left, comparison());
    }
    return left;
  }

  private Expression.Test comparison() {
    Expression.Term left = sum();
    Token operator = peek();
    if (operator.kind() != Token.Kind.SYMBOL || !COMPARISONS.contains(operator.text())) {
      throw expected(COMPARISON);
    }
    position++;
    return new Expression.Comparison(operator.text(), left, sum());
  }

  private Expression.Term sum() {
    Expression.Term left = product();
    while (peek().is("+") || peek().is("-")) {
      char operator = tokens.get(position++).text().charAt(0);
      left = new Expression.Arithmetic(operator, left, product());
    }
    return left;
  }

  private Expression.Term product() {
    Expression.Term left = unary();
    while (peek().is("*") || peek().is("/")) {
      char operator = tokens.get(position++).text().charAt(0);
      left = new Expression.Arithmetic(operator, left, unary());
    }
    return left;
  }

  private Expression.Term unary() {
    if (peek().is("-")) {
      position++;
      return new Expression.Negated(unary());
    }
    return primary();
  }

  private Expression.Term primary() {
    Token token = peek();
    if (token.kind() == Token.Kind.NUMBER) {
      position++;
      return new Expression.Constant(token.value());
    }
    if (token.is("canary")) {
      position++;
      return new Expression.Canary();
    }
    if (token.is("stable")) {
      position++;
      return new Expression.Stable();
    }
    if (token.is("(")) {
      position++;
      Expression.Term inner = sum();
      if (!peek().is(")")) {
        throw expected(
            peek().kind() == Token.Kind.SYMBOL && COMPARISONS.contains(peek().text())
                ? ") (parentheses group arithmetic, not comparisons)"
                : "an operator or )");
      }
      position++;
      return inner;
    }
    if (token.kind() == Token.Kind.WORD) {
      throw expected(VALUE + ", not \"" + token.text() + "\"");
    }
    throw expected(VALUE);
  }

  private Token peek() {
    return tokens.get(position);
  }

  private ConditionSyntaxException expected(String what) {
    return new ConditionSyntaxException(text, peek().column(), what);
  }
}
