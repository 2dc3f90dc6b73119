package io.relevo.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {

  @Test
  void oneIsSingularAndEveryOtherCountPlural() {
    assertThat(Plural.count(1, "measurement")).isEqualTo("1 measurement");
    assertThat(Plural.count(0, "measurement")).isEqualTo("0 measurements");
    assertThat(Plural.count(2, "failed measurement")).isEqualTo("2 failed measurements");
  }

  @Test
  void anIrregularPluralIsGivenWhole() {
    assertThat(Plural.count(3, "entry", "entries")).isEqualTo("3 entries");
    assertThat(Plural.count(1, "entry", "entries")).isEqualTo("1 entry");
  }
}
