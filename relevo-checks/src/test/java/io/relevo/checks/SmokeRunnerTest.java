package io.relevo.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.config.SmokeCheck;
import io.relevo.core.health.SmokeResult;
import io.relevo.core.health.SmokeRunner;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmokeRunnerTest {

  private static TestServer server;
  private final SmokeRunner runner = Checks.smokeRunner();

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void checkThatMeetsEveryExpectationPasses() {
    SmokeResult result = run(check("GET", "/json/ok", 200, "\"ok\"", Duration.ofSeconds(2)));

    assertThat(result.passed()).isTrue();
    assertThat(result.name()).isEqualTo("GET /json/ok");
    assertThat(result.detail()).startsWith("GET /json/ok: status 200 in ");
  }

  @Test
  void wrongStatusIsNamed() {
    SmokeResult result = run(check("GET", "/code/500", 200, null, null));

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).isEqualTo("GET /code/500: status 500 (expected: 200)");
  }

  @Test
  void missingBodyTextIsNamed() {
    SmokeResult result = run(check("GET", "/json/degraded", 200, "ok", null));

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).isEqualTo("GET /json/degraded: body does not contain \"ok\"");
  }

  @Test
  void slowResponseIsNamedWithItsTime() {
    SmokeResult result = run(check("GET", "/slow/400", 200, null, Duration.ofMillis(250)));

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).matches("GET /slow/400: took \\d+ms \\(expected: <= 250ms\\)");
    assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void responseFarPastItsLatencyLimitIsNotAwaited() {
    SmokeResult result = run(check("GET", "/slow/3000", 200, null, Duration.ofMillis(200)));

    assertThat(result.passed()).isFalse();
    assertThat(result.detail())
        .isEqualTo("GET /slow/3000: took more than 400ms (expected: <= 200ms)");
    assertThat(result.took()).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void everyBrokenExpectationIsListed() {
    SmokeResult result = run(check("GET", "/code/503", 200, "ok", null));

    assertThat(result.detail())
        .isEqualTo("GET /code/503: status 503 (expected: 200); body does not contain \"ok\"");
  }

  @Test
  void methodHeadersAndBodyAreSent() {
    SmokeCheck post =
        new SmokeCheck(
            "create booking",
            "post",
            "/echo",
            Map.of("X-Test", "smoke"),
            "{\"room\":7}",
            200,
            "POST smoke {\"room\":7}",
            null);

    SmokeResult result = run(post);

    assertThat(result.passed()).as(result.detail()).isTrue();
    assertThat(result.name()).isEqualTo("create booking");
  }

  @Test
  void jsonFieldsAreComparedWithTheirExpectedValues() {
    SmokeCheck healthy = json("/json/ok", Map.of("status", "ok"));
    SmokeCheck degraded = json("/json/degraded", Map.of("status", "ok"));
    SmokeCheck missing = json("/json/ok", Map.of("version", "1.4.0"));
    SmokeCheck notJson = json("/code/200", Map.of("status", "ok"));

    assertThat(run(healthy).passed()).as(run(healthy).detail()).isTrue();
    assertThat(run(degraded).detail())
        .isEqualTo("GET /json/degraded: JSON status is \"degraded\" (expected: \"ok\")");
    assertThat(run(missing).detail())
        .isEqualTo("GET /json/ok: JSON version is missing (expected: \"1.4.0\")");
    assertThat(run(notJson).detail())
        .isEqualTo("GET /code/200: body is not a JSON object (expected: {status=ok})");
  }

  private static SmokeCheck json(String path, Map<String, String> fields) {
    return new SmokeCheck(null, "GET", path, null, null, 200, null, null, fields);
  }

  @Test
  void refusedConnectionIsNamed() throws Exception {
    SmokeResult result =
        runner.run(HttpProbeTest.closedPort(), check("GET", "/api/v1/healthz", 200, null, null));

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).isEqualTo("GET /api/v1/healthz: connection refused");
  }

  @Test
  void requestThatOutlivesTheRunnersTimeoutFails() {
    SmokeResult result =
        Checks.smokeRunner(Duration.ofMillis(300))
            .run(server.endpoint(), check("GET", "/slow/3000", 200, null, null));

    assertThat(result.detail()).isEqualTo("GET /slow/3000: timed out after 300ms");
  }

  @Test
  void headerTheClientForbidsIsAFailureNotAnException() {
    SmokeCheck check =
        new SmokeCheck(null, "GET", "/echo", Map.of("Host", "example.org"), null, 0, null, null);

    SmokeResult result = run(check);

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).startsWith("GET /echo: cannot send: ").containsIgnoringCase("host");
  }

  @Test
  void runnerTimeoutMustBePositive() {
    assertThatThrownBy(() -> Checks.smokeRunner(Duration.ZERO))
        .hasMessage("timeout: PT0S (expected: > 0)");
  }

  private SmokeResult run(SmokeCheck check) {
    return runner.run(server.endpoint(), check);
  }

  private static SmokeCheck check(
      String method, String path, int status, String contains, Duration maxLatency) {
    return new SmokeCheck(null, method, path, null, null, status, contains, maxLatency);
  }
}
