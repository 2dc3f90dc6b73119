package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnknownKeysTest {

  @Test
  void aMisspelledKeyGetsTheClosestValidKey() {
    assertThat(problems(Configs.MINIMAL + "health:\n  readines: {path: /}\n"))
        .containsExactly(
            "relevo.yml:5: health.readines: unknown key (did you mean \"readiness\"?)");
  }

  @Test
  void camelCaseAndDashedSpellingsOfASnakeCaseKeyAreRecognised() {
    assertThat(problems(Configs.MINIMAL.replace("runtime:\n", "runtime:\n  portEnv: PORT\n")))
        .containsExactly("relevo.yml:3: runtime.portEnv: unknown key (did you mean \"port_env\"?)");
    assertThat(problems(Configs.MINIMAL + "rollback: {keep-previous: 1m}\n"))
        .containsExactly(
            "relevo.yml:4: rollback.keep-previous: unknown key (did you mean \"keep_previous\"?)");
  }

  @Test
  void aPrefixOfAKeySuggestsTheKey() {
    assertThat(problems(Configs.MINIMAL + "health:\n  readiness: {start: 5s}\n"))
        .containsExactly(
            "relevo.yml:5: health.readiness.start: unknown key (did you mean \"start_period\"?)");
  }

  @Test
  void aKeyFarFromEveryValidKeyListsTheValidOnes() {
    assertThat(problems(Configs.MINIMAL + "health:\n  database: yes\n"))
        .containsExactly(
            "relevo.yml:5: health.database: unknown key (expected one of: readiness, liveness,"
                + " ready_timeout, max_unhealthy)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"recreate"})
  void sectionsOfLaterVersionsAreNotSupportedYetRatherThanUnknown(String section) {
    assertThat(problems(Configs.MINIMAL + "strategy:\n  " + section + ": {anything: 1}\n"))
        .containsExactly(
            "relevo.yml:5: strategy." + section + ": not supported yet by this version of relevo");
  }

  @Test
  void unsetVariablesInsideAnUnsupportedSectionAreNotReportedToo() {
    assertThat(problems(Configs.MINIMAL + "strategy:\n  recreate: {command: \"${UNSET}\"}\n"))
        .containsExactly(
            "relevo.yml:5: strategy.recreate: not supported yet by this version of relevo");
  }
}
