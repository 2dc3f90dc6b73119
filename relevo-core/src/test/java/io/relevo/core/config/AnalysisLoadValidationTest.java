package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.relevo.core.analysis.LoadSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisLoadValidationTest {

  /** An analysis {@code quick} whose {@code load:} key is on line 6. */
  private static String load(String load) {
    return Configs.MINIMAL + "analysis:\n  quick:\n    load: " + load + "\n";
  }

  private static LoadSpec parsed(String load) {
    return Configs.parse(load(load)).analysis().get("quick").load();
  }

  @Test
  void aLoadIsReadWithItsRateMethodPathAndHeaders() {
    LoadSpec spec =
        parsed("{rate: 20/s, path: /api/v1/healthz, method: post, headers: {X-Synthetic: \"1\"}}");

    assertThat(spec)
        .isEqualTo(new LoadSpec(20, "POST", "/api/v1/healthz", Map.of("X-Synthetic", "1")));
  }

  @Test
  void theMethodDefaultsToGetAndHeadersToNone() {
    assertThat(parsed("{rate: 5/s, path: /}")).isEqualTo(new LoadSpec(5, "GET", "/", Map.of()));
  }

  @Test
  void aRateIsPerSecondWithOrWithoutItsUnitOrPerMinute() {
    assertThat(parsed("{rate: 20, path: /}").ratePerSecond()).isEqualTo(20);
    assertThat(parsed("{rate: 1200/m, path: /}").ratePerSecond()).isEqualTo(20);
    assertThat(parsed("{rate: 30/m, path: /}").ratePerSecond()).isCloseTo(0.5, within(1e-9));
    assertThat(parsed("{rate: 200/s, path: /}").ratePerSecond()).isEqualTo(200);
  }

  @Test
  void analysesWithoutALoadSendNone() {
    AppConfig config = Configs.parse(Configs.MINIMAL + "analysis:\n  quick:\n    interval: 2s\n");

    assertThat(config.analysis().get("quick").load()).isEqualTo(LoadSpec.NONE);
    assertThat(config.analysis().get("default").load()).isEqualTo(LoadSpec.NONE);
  }

  @Test
  void aRateThatIsNotARateNamesTheExpectedShape() {
    assertThat(problems(load("{rate: abc, path: /}")))
        .containsExactly(
            "relevo.yml:6: analysis.quick.load.rate: \"abc\" (expected: a rate like 20/s)");
    assertThat(problems(load("{rate: 20/h, path: /}")))
        .containsExactly(
            "relevo.yml:6: analysis.quick.load.rate: \"20/h\" (expected: a rate like 20/s)");
  }

  @Test
  void aRateMustBeAboveZeroAndAtMostTheCap() {
    assertThat(problems(load("{rate: 0/s, path: /}")))
        .containsExactly(
            "relevo.yml:6: analysis.quick.load.rate: \"0/s\" (expected: a rate above 0, like"
                + " 20/s)");
    assertThat(problems(load("{rate: 500, path: /}")))
        .containsExactly("relevo.yml:6: analysis.quick.load.rate: 500 (expected: at most 200/s)");
    assertThat(problems(load("{rate: 12001/m, path: /}")))
        .containsExactly(
            "relevo.yml:6: analysis.quick.load.rate: \"12001/m\" (expected: at most 200/s)");
  }

  @Test
  void rateAndPathAreRequired() {
    assertThat(problems(load("{method: GET}")))
        .containsExactly(
            "relevo.yml:6: analysis.quick.load.rate: missing (expected: a rate like 20/s)",
            "relevo.yml:6: analysis.quick.load.path: missing (expected: the path to request, like"
                + " /api/v1/healthz)");
  }

  @Test
  void thePathMustStartWithASlash() {
    assertThat(problems(load("{rate: 20/s, path: healthz}")))
        .containsExactly(
            "relevo.yml:6: analysis.quick.load.path: \"healthz\" (expected: a path starting with"
                + " /, like /healthz)");
  }

  @Test
  void theMethodMustBeOneOfTheUsualSeven() {
    assertThat(problems(load("{rate: 20/s, path: /, method: FETCH}")))
        .containsExactly(
            "relevo.yml:6: analysis.quick.load.method: \"FETCH\" (expected: one of GET, HEAD, POST,"
                + " PUT, PATCH, DELETE, OPTIONS)");
  }

  @Test
  void headersAreAMapOfStringsWithValidNames() {
    assertThat(problems(load("{rate: 20/s, path: /, headers: [X-Synthetic]}")))
        .containsExactly(
            "relevo.yml:6: analysis.quick.load.headers: a list (expected: a map of header names to"
                + " strings)");
    assertThat(problems(load("{rate: 20/s, path: /, headers: {\"Bad Name\": x}}")))
        .containsExactly(
            "relevo.yml:6: analysis.quick.load.headers.Bad Name: not a valid name (expected:"
                + " header names)");
  }

  @Test
  void headersTheClientSetsItselfAreRefused() {
    assertThat(problems(load("{rate: 20/s, path: /, headers: {Host: example.com}}")))
        .containsExactly(
            "relevo.yml:6: analysis.quick.load.headers.Host: set by relevo itself (expected: a"
                + " header other than Connection, Content-Length, Expect, Host and Upgrade)");
  }

  @Test
  void anUnknownKeySuggestsTheClosestOne() {
    assertThat(problems(load("{rate: 20/s, path: /, methods: GET}")))
        .containsExactly(
            "relevo.yml:6: analysis.quick.load.methods: unknown key (did you mean \"method\"?)");
  }

  @Test
  void aLoadThatIsNotAMapShowsTheExpectedShape() {
    assertThat(problems(load("20/s")))
        .containsExactly(
            "relevo.yml:6: analysis.quick.load: \"20/s\" (expected: a map, like {rate: 20/s,"
                + " path: /healthz})");
  }

  @Test
  void everyProblemOfALoadIsReportedAtItsOwnLine() {
    String yaml =
        Configs.MINIMAL
            + "analysis:\n  quick:\n    load:\n      rate: fast\n      path: healthz\n"
            + "      method: FETCH\n      header: {}\n";

    assertThat(problems(yaml))
        .containsExactly(
            "relevo.yml:7: analysis.quick.load.rate: \"fast\" (expected: a rate like 20/s)",
            "relevo.yml:8: analysis.quick.load.path: \"healthz\" (expected: a path starting with"
                + " /, like /healthz)",
            "relevo.yml:9: analysis.quick.load.method: \"FETCH\" (expected: one of GET, HEAD,"
                + " POST, PUT, PATCH, DELETE, OPTIONS)",
            "relevo.yml:10: analysis.quick.load.header: unknown key (did you mean \"headers\"?)");
  }
}
