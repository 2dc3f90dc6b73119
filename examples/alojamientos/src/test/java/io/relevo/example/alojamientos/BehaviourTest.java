package io.relevo.example.alojamientos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BehaviourTest {

  @Test
  void aPlainVersionHasNoFaults() {
    assertThat(Behaviour.ofVersion("v1.2.3")).isEqualTo(Behaviour.healthy("v1.2.3"));
  }

  @Test
  void versionMarkersStageFaultsWithNoOtherSetting() {
    assertThat(Behaviour.ofVersion("v5-slow").latencyMs()).isEqualTo(500);
    assertThat(Behaviour.ofVersion("v5-slow1200").latencyMs()).isEqualTo(1200);
    assertThat(Behaviour.ofVersion("v5-err20").errorRatio()).isEqualTo(0.20);
    assertThat(Behaviour.ofVersion("v5-err").errorRatio()).isEqualTo(0.20);
    assertThat(Behaviour.ofVersion("v5-err7-slow").errorRatio()).isEqualTo(0.07);
    assertThat(Behaviour.ofVersion("v5-err7-slow").latencyMs()).isEqualTo(500);
    assertThat(Behaviour.ofVersion("v5-crash").failStart()).isTrue();
    assertThat(Behaviour.ofVersion("v5-notready").neverReady()).isTrue();
    assertThat(Behaviour.ofVersion("slow").latencyMs())
        .as("the first segment is the version, not a marker")
        .isZero();
  }

  @Test
  void environmentVariablesWinOverMarkers() {
    Behaviour b =
        Behaviour.fromEnv(
            Map.of(
                "RELEVO_VERSION",
                "v5-slow-err20",
                "ALOJ_LATENCY_MS",
                "10",
                "ALOJ_ERROR_RATIO",
                "0.5",
                "ALOJ_FAIL_START",
                "1",
                "ALOJ_NEVER_READY",
                "true",
                "ALOJ_STARTUP_MS",
                "250"));

    assertThat(b)
        .isEqualTo(new Behaviour("v5-slow-err20", "127.0.0.1", 10, 0.5, true, true, false, 250));
  }

  @Test
  void appVersionWinsOverRelevoVersionAndDevIsTheDefault() {
    assertThat(Behaviour.fromEnv(Map.of("APP_VERSION", "a", "RELEVO_VERSION", "b")).version())
        .isEqualTo("a");
    assertThat(Behaviour.fromEnv(Map.of("RELEVO_VERSION", "b")).version()).isEqualTo("b");
    assertThat(Behaviour.fromEnv(Map.of()).version()).isEqualTo(Behaviour.DEFAULT_VERSION);
  }

  @Test
  void badSettingsNameTheVariableTheValueAndWhatWasExpected() {
    assertThatThrownBy(() -> Behaviour.fromEnv(Map.of("ALOJ_ERROR_RATIO", "1.5")))
        .hasMessage("ALOJ_ERROR_RATIO: '1.5' (expected: a number in 0..1, e.g. 0.2)");
    assertThatThrownBy(() -> Behaviour.fromEnv(Map.of("ALOJ_LATENCY_MS", "fast")))
        .hasMessage("ALOJ_LATENCY_MS: 'fast' (expected: milliseconds, an integer >= 0)");
  }

  @Test
  void theStartupLineShowsVersionAddressLatencyAndErrorRatio() {
    assertThat(Behaviour.ofVersion("v5-err20").describe(8000))
        .isEqualTo(
            "alojamientos v5-err20 listening on 127.0.0.1:8000 (latency +0ms, error ratio 0.20)");
  }
}
