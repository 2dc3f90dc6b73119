package io.relevo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms,500",
    "2s,2000",
    "1m,60000",
    "1h,3600000",
    "1m30s,90000",
    "1s500ms,1500",
    "1h5m,3900000",
    "0s,0",
    " 2s ,2000"
  })
  void readsEachUnitAndCombinationsFromLargestToSmallest(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2x", "", "s", "1.5s", "-2s", "30s1m", "1s1s", "2 s", "1d"})
  void rejectsTextThatIsNotADurationAndSaysWhatIsExpected(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"" + text + "\" (expected: a duration like 2s, 500ms, 1m)");
  }

  @Test
  void rejectsAPlainNumberBecauseItsUnitWouldBeAGuess() {
    assertThatThrownBy(() -> Durations.parse("30"))
        .hasMessage("\"30\" (expected: a duration with a unit, like 30s or 30ms)");
  }

  @ParameterizedTest
  @CsvSource({
    "90000,1m30s",
    "500,500ms",
    "3600000,1h",
    "0,0s",
    "1500,1s500ms",
    "3723004,1h2m3s4ms",
    "-2000,-2s"
  })
  void formatsToTheShortestFormThatParsesBack(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    if (millis >= 0) {
      assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
  }
}
