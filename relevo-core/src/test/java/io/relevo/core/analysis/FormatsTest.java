package io.relevo.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FormatsTest {

  @Test
  void fixedPrintsWhatStringFormatPrintsForTheValuesAnAnalysisMeets() {
    SplittableRandom random = new SplittableRandom(15);
    for (int i = 0; i < 200_000; i++) {
      double value =
          switch (i % 4) {
            case 0 -> random.nextDouble(); // shares
            case 1 -> random.nextDouble() * 100; // percentages
            case 2 -> random.nextDouble(-50, 5_000); // seconds, log-likelihood ratios
            default -> (random.nextInt(2_000_001) - 1_000_000) / 1000.0; // halves and exact ends
          };
      for (int decimals = 1; decimals <= 4; decimals++) {
        String expected = String.format(Locale.ROOT, "%." + decimals + "f", value);
        if (expected.matches("-0\\.0+")) {
          expected = expected.substring(1); // a zero prints without a sign
        }
        assertThat(Formats.fixed(value, decimals))
            .as("%s, %d decimals", value, decimals)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void valuesThatAreNoNumberPrintAsJavaNamesThem() {
    assertThat(Formats.fixed(Double.NaN, 2)).isEqualTo("NaN");
    assertThat(Formats.fixed(Double.POSITIVE_INFINITY, 2)).isEqualTo("Infinity");
    assertThat(Formats.fixed(Double.NEGATIVE_INFINITY, 1)).isEqualTo("-Infinity");
  }

  @Test
  void sharesPrintAsPercentagesAndLatenciesInMillisecondsOrSeconds() {
    assertThat(Formats.percent(0.0125)).isEqualTo("1.3%");
    assertThat(Formats.percent(1)).isEqualTo("100.0%");
    assertThat(Formats.seconds(0.25)).isEqualTo("250ms");
    assertThat(Formats.seconds(1.005)).isEqualTo("1.01s");
    assertThat(Formats.decimal(-3.14159)).isEqualTo("-3.14");
  }
}
