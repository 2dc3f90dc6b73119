package io.relevo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ManyProblemsTest {

  private static final String FIVE_PROBLEMS =
      """
      app: Shop
      runtime:
        command: java -jar app.jar
      health:
        readines: {path: /}
        ready_timeout: 60
      smoke:
        - {path: /, method: GET}
        - {path: /api, expect_status: 700}
      """;

  @Test
  void everyProblemOfTheFileIsReportedOnceWithItsLine() {
    assertThat(Configs.problems(FIVE_PROBLEMS))
        .containsExactly(
            "relevo.yml:1: app: \"Shop\" (expected: lower-case letters, digits and dashes,"
                + " starting with a letter, at most 63 characters, like alojamientos)",
            "relevo.yml:3: runtime.command: \"java -jar app.jar\" (expected: a list of strings,"
                + " like [\"java\", \"-jar\", \"app-{version}.jar\"])",
            "relevo.yml:5: health.readines: unknown key (did you mean \"readiness\"?)",
            "relevo.yml:6: health.ready_timeout: \"60\" (expected: a duration with a unit, like 60s"
                + " or 60ms)",
            "relevo.yml:9: smoke[1].expect_status: 700 (expected: 100..599)");
  }

  @Test
  void theExceptionIsBadInputAndItsMessageListsTheProblemsOnePerLine() {
    assertThatThrownBy(() -> ConfigLoader.parse("relevo.yml", FIVE_PROBLEMS, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(io.relevo.core.RelevoException.Kind.BAD_INPUT);
              assertThat(e.getMessage().lines())
                  .hasSize(5)
                  .allMatch(l -> l.startsWith("relevo.yml:"));
              assertThat(e.getMessage()).startsWith("relevo.yml:1: app: \"Shop\"");
            });
  }
}
