package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeValidationTest {

  private static String smoke(String check) {
    return Configs.MINIMAL + "smoke:\n  - {path: /ok}\n  - " + check + "\n";
  }

  @Test
  void aCheckWithoutAPathIsReportedAtItsItem() {
    assertThat(problems(smoke("{method: GET}")))
        .containsExactly(
            "relevo.yml:6: smoke[1].path: missing (expected: the path to request, like /healthz)");
  }

  @Test
  void aCheckPathMustStartWithASlash() {
    assertThat(problems(smoke("{path: api/healthz}")))
        .containsExactly(
            "relevo.yml:6: smoke[1].path: \"api/healthz\" (expected: a path starting with /, like"
                + " /healthz)");
  }

  @Test
  void theMethodMustBeOneOfTheUsualSeven() {
    assertThat(problems(smoke("{path: /, method: FETCH}")))
        .containsExactly(
            "relevo.yml:6: smoke[1].method: \"FETCH\" (expected: one of GET, HEAD, POST, PUT,"
                + " PATCH, DELETE, OPTIONS)");
  }

  @Test
  void expectStatusMustBeAnHttpStatus() {
    assertThat(problems(smoke("{path: /, expect_status: 99}")))
        .containsExactly("relevo.yml:6: smoke[1].expect_status: 99 (expected: 100..599)");
  }

  @Test
  void headersAreAMapOfStringsWithValidNames() {
    assertThat(problems(smoke("{path: /, headers: [Accept]}")))
        .containsExactly(
            "relevo.yml:6: smoke[1].headers: a list (expected: a map of header names to strings)");
    assertThat(problems(smoke("{path: /, headers: {\"Bad Name\": x}}")))
        .containsExactly(
            "relevo.yml:6: smoke[1].headers.Bad Name: not a valid name (expected: header names)");
  }

  @Test
  void maxLatencyIsAPositiveDuration() {
    assertThat(problems(smoke("{path: /, max_latency: fast}")))
        .containsExactly(
            "relevo.yml:6: smoke[1].max_latency: \"fast\" (expected: a duration like 2s, 500ms,"
                + " 1m)");
  }

  @Test
  void anItemThatIsNotAMapShowsTheExpectedShape() {
    assertThat(problems(smoke("GET /healthz")))
        .containsExactly(
            "relevo.yml:6: smoke[1]: \"GET /healthz\" (expected: a map, like {path: /healthz})");
  }

  @Test
  void smokeMustBeAList() {
    assertThat(problems(Configs.MINIMAL + "smoke: {path: /}\n"))
        .containsExactly(
            "relevo.yml:4: smoke: a map (expected: a list of checks, like - {path: /healthz})");
  }

  @Test
  void aLowerCaseMethodIsAcceptedAndUpperCased() {
    assertThat(Configs.parse(smoke("{path: /, method: head}")).smoke().get(1).method())
        .isEqualTo("HEAD");
  }
}
