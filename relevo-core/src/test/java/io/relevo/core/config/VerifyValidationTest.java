package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code verify} list: the keys of a smoke check, read and reported the same way. */
class VerifyValidationTest {

  @Test
  void theRunbooksChecksAreReadWithTheSecretHeaderResolved() {
    AppConfig config =
        Configs.parse(
            Configs.MINIMAL
                + """
                verify:
                  - {path: /api/v1/healthz, expect_json: {status: ok}}
                  - {path: /metrics}
                  - {path: /api/v1/me, headers: {Authorization: "Bearer ${API_TOKEN}"}, max_latency: 500ms}
                """,
            Map.of("API_TOKEN", "t0ken"));

    assertThat(config.verify()).hasSize(3);
    assertThat(config.verify().get(0).expectJson()).isEqualTo(Map.of("status", "ok"));
    assertThat(config.verify().get(1).name()).isEqualTo("GET /metrics");
    assertThat(config.verify().get(2).headers()).containsEntry("Authorization", "Bearer t0ken");
    assertThat(config.verify().get(2).maxLatency()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.source().text()).contains("${API_TOKEN}").doesNotContain("t0ken");
  }

  @Test
  void aBadCheckIsReportedWithFileLineAndKey() {
    assertThat(problems(Configs.MINIMAL + "verify:\n  - {path: /ok}\n  - {path: health}\n"))
        .containsExactly(
            "relevo.yml:6: verify[1].path: \"health\" (expected: a path starting with /, like"
                + " /healthz)");
    assertThat(problems(Configs.MINIMAL + "verify:\n  - {path: /, expect_json: [status]}\n"))
        .containsExactly(
            "relevo.yml:5: verify[0].expect_json: a list (expected: a map of JSON field names to"
                + " strings)");
  }

  @Test
  void anUnsetSecretIsAProblemNotAnEmptyHeader() {
    assertThat(
            problems(
                Configs.MINIMAL + "verify:\n  - {path: /, headers: {X-Key: \"${API_KEY}\"}}\n"))
        .singleElement()
        .asString()
        .startsWith("relevo.yml:5: verify[0].headers.X-Key: ${API_KEY} is not set");
  }
}
