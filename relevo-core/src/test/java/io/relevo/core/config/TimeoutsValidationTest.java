package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsValidationTest {

  @Test
  void rollbackDurationsMayBeZeroButMustHaveAUnit() {
    AppConfig config =
        Configs.parse(
            Configs.MINIMAL + "rollback: {keep_previous: 0s, watch_after_promotion: 0s}\n");
    assertThat(config.rollback()).isEqualTo(new RollbackConfig(Duration.ZERO, Duration.ZERO));

    assertThat(
            problems(
                Configs.MINIMAL
                    + "rollback:\n  keep_previous: 10\n  watch_after_promotion: 5 min\n"))
        .containsExactly(
            "relevo.yml:5: rollback.keep_previous: \"10\" (expected: a duration with a unit, like"
                + " 10s or 10ms)",
            "relevo.yml:6: rollback.watch_after_promotion: \"5 min\" (expected: a duration like"
                + " 2s, 500ms, 1m)");
  }

  @Test
  void proxyTimeoutsMustBePositiveDurations() {
    assertThat(
            problems(
                Configs.MINIMAL
                    + "proxy:\n"
                    + "  drain_timeout: 0s\n"
                    + "  upstream_timeout: 1x\n"
                    + "  connect_timeout: -1s\n"))
        .containsExactly(
            "relevo.yml:5: proxy.drain_timeout: \"0s\" (expected: a duration above zero, like 2s"
                + " or 500ms)",
            "relevo.yml:6: proxy.upstream_timeout: \"1x\" (expected: a duration like 2s, 500ms,"
                + " 1m)",
            "relevo.yml:7: proxy.connect_timeout: \"-1s\" (expected: a duration like 2s, 500ms,"
                + " 1m)");
  }
}
