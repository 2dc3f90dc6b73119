package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolationTest {

  private static String withEnv(String value) {
    return Configs.MINIMAL + "env: \"" + value + "\"\n";
  }

  @Test
  void aSetVariableIsReplacedByItsValue() {
    assertThat(Configs.parse(withEnv("${STAGE}"), Map.of("STAGE", "staging")).env())
        .isEqualTo("staging");
    assertThat(Configs.parse(withEnv("eu-${STAGE}-1"), Map.of("STAGE", "prod")).env())
        .isEqualTo("eu-prod-1");
  }

  @Test
  void anUnsetVariableWithoutDefaultIsAProblemThatSaysHowToFixIt() {
    assertThat(problems(withEnv("${DATABASE_URL}")))
        .containsExactly(
            "relevo.yml:4: env: ${DATABASE_URL} is not set (export it, or write"
                + " ${DATABASE_URL:-default})");
  }

  @Test
  void everyUnsetVariableOfAValueIsReported() {
    assertThat(problems(withEnv("${A}-${B}"))).hasSize(2);
  }

  @Test
  void theDefaultIsUsedWhenTheVariableIsUnsetOrEmpty() {
    assertThat(Configs.parse(withEnv("${STAGE:-dev}")).env()).isEqualTo("dev");
    assertThat(Configs.parse(withEnv("${STAGE:-dev}"), Map.of("STAGE", "")).env()).isEqualTo("dev");
    assertThat(Configs.parse(withEnv("${STAGE:-dev}"), Map.of("STAGE", "qa")).env())
        .isEqualTo("qa");
  }

  @Test
  void aDoubleDollarWritesALiteralReference() {
    assertThat(Configs.parse(withEnv("$${STAGE}"), Map.of("STAGE", "x")).env())
        .isEqualTo("${STAGE}");
  }

  @Test
  void anUnclosedReferenceIsAProblem() {
    assertThat(problems(withEnv("${STAGE")))
        .containsExactly(
            "relevo.yml:4: env: \"${STAGE\" has a ${ without its } (expected: ${NAME} or"
                + " ${NAME:-default}; write $${ for a literal ${)");
  }

  @Test
  void numbersAndDurationsAreReadAfterInterpolation() {
    AppConfig config =
        Configs.parse(
            Configs.MINIMAL
                + "health:\n  readiness: {retries: \"${RETRIES}\", interval: \"${EVERY:-3s}\"}\n",
            Map.of("RETRIES", "7"));
    assertThat(config.health().readiness().retries()).isEqualTo(7);
    assertThat(config.health().readiness().interval()).hasSeconds(3);
  }

  @Test
  void theStoredSourceIsTheTextBeforeInterpolationSoSecretsStayOut() {
    String yaml = Configs.MINIMAL.replace("runtime:\n", "runtime:\n  env: {TOKEN: \"${TOKEN}\"}\n");
    AppConfig config = Configs.parse(yaml, Map.of("TOKEN", "s3cret"));
    assertThat(config.runtime().env()).containsEntry("TOKEN", "s3cret");
    assertThat(config.source().text()).isEqualTo(yaml).doesNotContain("s3cret");
  }
}
