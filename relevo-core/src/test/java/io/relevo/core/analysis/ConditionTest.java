package io.relevo.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {

  @ParameterizedTest(name = "{0} with canary {1}, stable {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "canary - stable > 0.05 | 0.072 | 0.004 | true",
        "canary - stable > 0.05 | 0.03  | 0.004 | false",
        "canary > 2 * stable    | 0.5   | 0.2   | true",
        "canary > 2 * stable    | 0.3   | 0.2   | false",
        "canary < 0.95          | 0.94  | 0.99  | true",
        "canary < 0.95          | 0.96  | 0.5   | false",
        "canary - stable > 3s   | 3.5   | 0.2   | true",
        "canary - stable > 3s   | 3.1   | 0.2   | false",
        "canary - stable > 500ms | 0.8  | 0.2   | true",
        "canary > stable + 5%   | 0.07  | 0.01  | true",
        "canary > stable + 5%   | 0.05  | 0.01  | false",
        "canary >= 1m           | 60    | 0     | true",
        "canary / stable > 1.5  | 3     | 1     | true",
        "canary - stable > 0.05 or canary > 0.5 | 0.6 | 0.58 | true",
        "canary > 0.1 and stable < 0.01 | 0.2 | 0.05 | false",
        "canary > 0.1 or canary > 0.01 and stable > 1 | 0.05 | 0 | false",
        "(canary - stable) * 100 > 5 | 0.07 | 0.01 | true",
        "-canary < -0.5         | 0.6   | 0     | true",
        "canary == 0 | 0 | 1 | true",
        "canary != 0 | 0 | 1 | false",
        "canary <= 1h | 3600 | 0 | true",
      })
  void evaluatesConditionsAsWritten(String text, double canary, double stable, boolean holds) {
    assertThat(Condition.parse(text).evaluate(canary, stable)).isEqualTo(holds);
  }

  @Test
  void andBindsTighterThanOr() {
    // a or (b and c): with a true the whole holds even though c is false
    assertThat(Condition.parse("canary > 1 or canary > 0 and stable > 5").evaluate(2, 0)).isTrue();
  }

  @Test
  void keepsTheTextWithoutSurroundingBlanks() {
    assertThat(Condition.parse("  canary < 0.95 ").text()).isEqualTo("canary < 0.95");
  }

  @Test
  void knowsWhetherItReadsTheStableValue() {
    assertThat(Condition.parse("canary < 0.95").readsStable()).isFalse();
    assertThat(Condition.parse("canary > 2 * stable").readsStable()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "canary - > 0.05 | 10 | a number, a duration, canary or stable",
        "'' | 1 | a number, a duration, canary or stable",
        "canary - stable | 16 | an operator or a comparison (>, >=, <, <=, ==, !=)",
        "canary = 0.05 | 8 | an operator or a comparison (>, >=, <, <=, ==, !=)",
        "canary > 0.05 stable | 15 | an operator, and, or, or the end",
        "canery > 0.05 | 1 | a number, a duration, canary or stable, not \"canery\"",
        "canary > 3x | 11 | a unit (%, ms, s, m or h) or a space",
        "canary > 1. | 12 | a digit after the decimal point",
        "canary > $5 | 10 | a number, a duration, canary or stable",
        "(canary - stable > 0.05 | 18 | ) (parentheses group arithmetic, not comparisons)",
        "(canary - stable | 17 | an operator or )",
        "canary > 0.05 and | 18 | a number, a duration, canary or stable",
        "canary > > 1 | 10 | a number, a duration, canary or stable",
      })
  void rejectsMalformedConditionsNamingTheColumnAndWhatWasExpected(
      String text, int column, String expected) {
    assertThatThrownBy(() -> Condition.parse(text))
        .isInstanceOfSatisfying(
            ConditionSyntaxException.class,
            e -> {
              assertThat(e.column()).isEqualTo(column);
              assertThat(e.expected()).isEqualTo(expected);
              assertThat(e.text()).isEqualTo(text);
            })
        .hasMessage("\"" + text + "\": at column " + column + ": expected " + expected);
  }

  @Test
  void theMessageForAMissingOperandIsTheDocumentedOne() {
    assertThatThrownBy(() -> Condition.parse("canary - > 0.05"))
        .hasMessage(
            "\"canary - > 0.05\": at column 10: expected a number, a duration, canary or stable");
  }

  @Test
  void aComparisonWithAConstantHasAThresholdToDraw() {
    assertThat(Condition.parse("canary - stable > 0.05").limit(0.25, 0.05))
        .hasValueSatisfying(
            l -> {
              assertThat(l.value()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
              assertThat(l.threshold()).isEqualTo(0.05);
            });
    assertThat(Condition.parse("95% > canary").limit(0.9, 1))
        .hasValueSatisfying(
            l -> {
              assertThat(l.value()).isEqualTo(0.9);
              assertThat(l.threshold()).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-9));
            });
  }

  @Test
  void conditionsWithoutOneConstantHaveNoThreshold() {
    assertThat(Condition.parse("canary > 2 * stable").limit(1, 1)).isEmpty();
    assertThat(Condition.parse("canary > 0.1 or stable > 0.1").limit(1, 1)).isEmpty();
  }
}
