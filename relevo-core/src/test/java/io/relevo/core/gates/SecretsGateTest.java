package io.relevo.core.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runbook's secret checks: present, long enough, not placeholders, of a format, strong. */
class SecretsGateTest {

  private static final String YAML =
      """
      app: shop
      runtime:
        command: [run]
        env:
          JWT_SECRET: ${JWT_SECRET:-}
      gates:
        secrets:
          POSTGRES_PASSWORD: {min_length: 15}
          REDIS_PASSWORD: {min_length: 15}
          JWT_SECRET: {min_length: 32, format: hex, min_entropy: 100}
      """;

  private static final String JWT =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  private static GateResult check(Map<String, String> configEnv, Map<String, String> agentEnv) {
    AppConfig config = ConfigLoader.parse("relevo.yml", YAML, configEnv);
    GateInput input =
        new GateInput(
            config, "v1", "ana", "", null, agentEnv, Instant.parse("2026-11-24T10:00:00Z"));
    return Gates.run(Gates.of(config.gates()), input).results().getFirst();
  }

  @Test
  void strongSecretsFromTheConfigAndTheAgentsEnvironmentPass() {
    GateResult result =
        check(
            Map.of("JWT_SECRET", JWT),
            Map.of("POSTGRES_PASSWORD", "Vb7-qLr9#Tz2mWx4", "REDIS_PASSWORD", "hK3pZ8sQ1nR6tY0w"));

    assertThat(result.status()).isEqualTo(GateResult.Status.PASSED);
    assertThat(result.line()).isEqualTo("secrets: passed: 3 secrets present and strong");
  }

  @Test
  void everyFailureNamesTheVariableAndTheRuleButNeverTheValue() {
    GateResult result =
        check(
            Map.of("JWT_SECRET", "not-hex-and-short"),
            Map.of("POSTGRES_PASSWORD", "changeme123", "REDIS_PASSWORD", "changeme123"));

    assertThat(result.status()).isEqualTo(GateResult.Status.FAILED);
    assertThat(result.problems())
        .containsExactly(
            "POSTGRES_PASSWORD: 11 characters (expected: min_length 15)",
            "POSTGRES_PASSWORD: a known placeholder (expected: a generated value, see `relevo"
                + " secrets generate`)",
            "REDIS_PASSWORD: 11 characters (expected: min_length 15)",
            "REDIS_PASSWORD: a known placeholder (expected: a generated value, see `relevo secrets"
                + " generate`)",
            "REDIS_PASSWORD: the same value as POSTGRES_PASSWORD (expected: a value of its own)",
            "JWT_SECRET: 17 characters (expected: min_length 32)",
            "JWT_SECRET: not hex (expected: hexadecimal digits 0-9, a-f)",
            "JWT_SECRET: about 57 bits of entropy (expected: min_entropy 100)");
    assertThat(String.join("\n", result.problems()) + result.summary())
        .doesNotContain("changeme123")
        .doesNotContain("not-hex-and-short");
  }

  @Test
  void aMissingOrEmptySecretIsNamed() {
    GateResult result = check(Map.of(), Map.of("REDIS_PASSWORD", "hK3pZ8sQ1nR6tY0w"));

    assertThat(result.problems())
        .containsExactly(
            "POSTGRES_PASSWORD: not set (expected: set in runtime.env or the agent's environment)",
            "JWT_SECRET: empty (expected: set in runtime.env or the agent's environment)");
  }

  @Test
  void placeholdersAreRecognisedThroughCaseDigitsAndPunctuation() {
    for (String value :
        new String[] {
          "ChangeMe!2024",
          "your-secret-here",
          "<generate-me-please>",
          "xxxxxxxxxxxxxxxx",
          "0000000000000000",
          "${JWT_SECRET}"
        }) {
      assertThat(Placeholders.why(value)).as(value).isNotNull();
    }
    assertThat(Placeholders.why("hK3pZ8sQ1nR6tY0w")).isNull();
  }

  @Test
  void generatedValuesPassTheirOwnRules() {
    AppConfig config = ConfigLoader.parse("relevo.yml", YAML, Map.of("JWT_SECRET", ""));
    SecretGenerator generator = new SecretGenerator(new SecureRandom());
    for (var rule : config.gates().secrets()) {
      String value = generator.generate(rule);
      assertThat(SecretsGate.problems(rule, value)).as(rule.name()).isEmpty();
    }
    var jwt = config.gates().secrets().get(2);
    assertThat(generator.generate(jwt)).matches("[0-9a-f]{64}");
  }
}
