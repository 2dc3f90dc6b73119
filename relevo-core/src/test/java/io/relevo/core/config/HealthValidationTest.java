package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthValidationTest {

  private static String readiness(String settings) {
    return Configs.MINIMAL + "health:\n  readiness: {" + settings + "}\n";
  }

  @Test
  void aProbeTypeMustBeHttpTcpOrCommand() {
    assertThat(problems(readiness("type: grpc")))
        .containsExactly(
            "relevo.yml:5: health.readiness.type: \"grpc\" (expected: one of http, tcp, command)");
  }

  @Test
  void aProbePathMustStartWithASlash() {
    assertThat(problems(readiness("path: healthz")))
        .containsExactly(
            "relevo.yml:5: health.readiness.path: \"healthz\" (expected: a path starting with /,"
                + " like /healthz)");
  }

  @Test
  void expectStatusMustBeAnHttpStatus() {
    assertThat(problems(readiness("expect_status: 700")))
        .containsExactly("relevo.yml:5: health.readiness.expect_status: 700 (expected: 100..599)");
    assertThat(problems(readiness("expect_status: ok")))
        .containsExactly(
            "relevo.yml:5: health.readiness.expect_status: \"ok\" (expected: a whole number,"
                + " 100..599)");
  }

  @Test
  void degradedIsPassOrFail() {
    assertThat(problems(readiness("degraded: maybe")))
        .containsExactly(
            "relevo.yml:5: health.readiness.degraded: \"maybe\" (expected: one of pass, fail)");
  }

  @Test
  void aCommandProbeNeedsItsCommand() {
    assertThat(problems(readiness("type: command")))
        .containsExactly(
            "relevo.yml:5: health.readiness.command: missing (expected: the check's command"
                + " line, like [\"pg_isready\"], when type is command)");
  }

  @Test
  void aCommandWithoutTypeCommandIsPointedOut() {
    assertThat(problems(readiness("command: [pg_isready]")))
        .containsExactly(
            "relevo.yml:5: health.readiness.command: set, but type is http (expected: type:"
                + " command, or no command)");
  }

  @Test
  void retriesMustBeAtLeastOne() {
    assertThat(problems(readiness("retries: 0")))
        .containsExactly("relevo.yml:5: health.readiness.retries: 0 (expected: >= 1)");
  }

  @Test
  void intervalAndTimeoutMustBePositiveDurations() {
    assertThat(problems(readiness("interval: 2x, timeout: 0s")))
        .containsExactly(
            "relevo.yml:5: health.readiness.interval: \"2x\" (expected: a duration like 2s, 500ms,"
                + " 1m)",
            "relevo.yml:5: health.readiness.timeout: \"0s\" (expected: a duration above zero,"
                + " like 2s or 500ms)");
  }

  @Test
  void startPeriodMayBeZero() {
    assertThat(Configs.parse(readiness("start_period: 0s")).health().readiness().startPeriod())
        .isEqualTo(Duration.ZERO);
    assertThat(problems(readiness("start_period: soon")))
        .containsExactly(
            "relevo.yml:5: health.readiness.start_period: \"soon\" (expected: a duration like 2s,"
                + " 500ms, 1m)");
  }

  @Test
  void livenessIsCheckedLikeReadiness() {
    assertThat(problems(Configs.MINIMAL + "health:\n  liveness:\n    path: live\n"))
        .containsExactly(
            "relevo.yml:6: health.liveness.path: \"live\" (expected: a path starting with /, like"
                + " /healthz)");
  }

  @Test
  void readyTimeoutIsAPositiveDuration() {
    assertThat(problems(Configs.MINIMAL + "health:\n  ready_timeout: 60\n"))
        .containsExactly(
            "relevo.yml:5: health.ready_timeout: \"60\" (expected: a duration with a unit, like"
                + " 60s or 60ms)");
  }

  @Test
  void anEmptyLivenessMapMeansALivenessCheckWithDefaults() {
    assertThat(Configs.parse(Configs.MINIMAL + "health:\n  liveness: {}\n").health().liveness())
        .isEqualTo(ProbeConfig.defaults());
  }
}
