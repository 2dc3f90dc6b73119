package io.relevo.core.analysis;

import java.util.Objects;
import java.util.Optional;

/**
 * A condition over a metric's {@code canary} and {@code stable} values, as written in {@code
 * fail_if}: arithmetic ({@code + - * /}, parentheses), numbers, percentages ({@code 5%} is 0.05),
 * durations in seconds ({@code 3s}, {@code 500ms}, {@code 1m}; latency metrics are in seconds too),
 * comparisons ({@code > >= < <= == !=}) joined by {@code and} / {@code or}.
 *
 * <p>Examples: {@code canary - stable > 0.05}, {@code canary > 2 * stable}, {@code canary < 95%},
 * {@code canary - stable > 3s}. Immutable and thread-safe.
 */
public final class Condition {

  private final String text;
  private final Expression.Test test;

  private Condition(String text, Expression.Test test) {
    this.text = text;
    this.test = test;
  }

  /**
   * Parses {@code text}.
   *
   * @throws ConditionSyntaxException naming the column and what was expected there, e.g. {@code
   *     "canary - > 0.05": at column 10: expected a number, a duration, canary or stable}
   */
  public static Condition parse(String text) {
    Objects.requireNonNull(text, "text");
    // Parsed as written, so columns in error messages match what the user sees.
    return new Condition(text.strip(), ConditionParser.parse(text));
  }

  /**
   * Whether the condition holds for these values; as {@code fail_if}, true means the metric fails.
   */
  public boolean evaluate(double canary, double stable) {
    return test.holds(canary, stable);
  }

  /**
   * Whether the condition reads the stable value; a condition that does not (an absolute limit like
   * {@code canary < 0.95}) needs no stable traffic to be judged.
   */
  public boolean readsStable() {
    return reads(test);
  }

  private static boolean reads(Expression expression) {
    return switch (expression) {
      case Expression.Stable s -> true;
      case Expression.Canary c -> false;
      case Expression.Constant c -> false;
      case Expression.Negated n -> reads(n.term());
      case Expression.Arithmetic a -> reads(a.left()) || reads(a.right());
      case Expression.Comparison c -> reads(c.left()) || reads(c.right());
      case Expression.And a -> reads(a.left()) || reads(a.right());
      case Expression.Or o -> reads(o.left()) || reads(o.right());
    };
  }

  /**
   * What the condition compares with a fixed number, for one comparison of the values with a
   * constant: for {@code canary - stable > 0.05}, the difference and 0.05; for {@code canary <
   * 95%}, the canary's value and 0.95. Empty for anything else ({@code and}, {@code or}, values on
   * both sides), which has no single threshold to draw.
   */
  public Optional<Limit> limit(double canary, double stable) {
    if (test instanceof Expression.Comparison c) {
      if (c.right() instanceof Expression.Constant k
          && !(c.left() instanceof Expression.Constant)) {
        return Optional.of(new Limit(c.left().value(canary, stable), k.number()));
      }
      if (c.left() instanceof Expression.Constant k
          && !(c.right() instanceof Expression.Constant)) {
        return Optional.of(new Limit(c.right().value(canary, stable), k.number()));
      }
    }
    return Optional.empty();
  }

  /**
   * A value and the fixed number a condition compares it with.
   *
   * @param value what the condition computed from the values, e.g. {@code canary - stable}
   * @param threshold the number it is compared with
   */
  public record Limit(double value, double threshold) {}

  /** The condition as written, without surrounding blanks. */
  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Condition c && c.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
