package io.relevo.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.ProbeConfig;
import io.relevo.core.config.ProbeConfig.ProbeType;
import io.relevo.core.health.HealthResult;
import io.relevo.core.runtime.Endpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandProbeTest {

  private static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", 8123);

  @Test
  void exitZeroPassesAndSeesTheEndpoint() {
    HealthResult result =
        run(Duration.ofSeconds(5), "sh", "-c", "echo \"checked $RELEVO_HOST:$RELEVO_PORT\"");

    assertThat(result.passed()).isTrue();
    assertThat(result.detail()).isEqualTo("exit 0: checked 127.0.0.1:8123");
  }

  @Test
  void nonZeroExitFailsWithTheCodeAndFirstLineOfOutput() {
    HealthResult result =
        run(
            Duration.ofSeconds(5),
            "sh",
            "-c",
            "echo 'db: connection lost' >&2; echo second; exit 4");

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).isEqualTo("exit 4: db: connection lost");
  }

  @Test
  void silentFailureGivesTheExitCodeAlone() {
    assertThat(run(Duration.ofSeconds(5), "false").detail()).isEqualTo("exit 1");
  }

  @Test
  void commandStillRunningAtTheTimeoutIsKilledAndFails() {
    long start = System.nanoTime();
    HealthResult result = run(Duration.ofMillis(300), "sh", "-c", "echo waiting; sleep 30");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).isEqualTo("timed out after 300ms (killed): waiting");
    assertThat(took).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void commandThatCannotRunFailsWithTheReason() {
    HealthResult result = run(Duration.ofSeconds(5), "relevo-no-such-check");

    assertThat(result.passed()).isFalse();
    assertThat(result.detail())
        .isEqualTo("cannot run [relevo-no-such-check]: No such file or directory");
  }

  @Test
  void emptyCommandFails() {
    assertThat(run(Duration.ofSeconds(1)).detail()).startsWith("command: empty");
  }

  private static HealthResult run(Duration timeout, String... command) {
    ProbeConfig probe =
        new ProbeConfig(ProbeType.COMMAND, null, 0, null, List.of(command), null, timeout, 0, null);
    return Checks.healthProbe().check(ENDPOINT, probe);
  }
}
