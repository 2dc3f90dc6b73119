package io.relevo.core.analysis;

/** The parsed tree of a condition: arithmetic over the two values, then comparisons and logic. */
sealed interface Expression {

  /** An arithmetic term; IEEE doubles, so {@code x / 0} is infinite and compares as such. */
  sealed interface Term extends Expression {
    double value(double canary, double stable);
  }

  /** A boolean part of a condition. */
  sealed interface Test extends Expression {
    boolean holds(double canary, double stable);
  }

  record Constant(double number) implements Term {
    @Override
    public double value(double canary, double stable) {
      return number;
    }
  }

  record Canary() implements Term {
    @Override
    public double value(double canary, double stable) {
      return canary;
    }
  }

  record Stable() implements Term {
    @Override
    public double value(double canary, double stable) {
      return stable;
    }
  }

  record Negated(Term term) implements Term {
    @Override
    public double value(double canary, double stable) {
      return -term.value(canary, stable);
    }
  }

  record Arithmetic(char operator, Term left, Term right) implements Term {
    @Override
    public double value(double canary, double stable) {
      double l = left.value(canary, stable);
      double r = right.value(canary, stable);
      return switch (operator) {
        case '+' -> l + r;
        case '-' -> l - r;
        case '*' -> l * r;
        default -> l / r;
      };
    }
  }

  record Comparison(String operator, Term left, Term right) implements Test {
    @Override
    public boolean holds(double canary, double stable) {
      double l = left.value(canary, stable);
      double r = right.value(canary, stable);
      return switch (operator) {
        case ">" -> l > r;
        case ">=" -> l >= r;
        case "<" -> l < r;
        case "<=" -> l <= r;
        case "==" -> l == r;
        default -> l != r;
      };
    }
  }

  record And(Test left, Test right) implements Test {
    @Override
    public boolean holds(double canary, double stable) {
      return left.holds(canary, stable) && right.holds(canary, stable);
    }
  }

  record Or(Test left, Test right) implements Test {
    @Override
    public boolean holds(double canary, double stable) {
      return left.holds(canary, stable) || right.holds(canary, stable);
    }
  }
}
