package io.relevo.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerSettingsTest {

  @Test
  void defaultsPullWhenMissingStopWithSigtermAfterTenSecondsAndSetPort() {
    DockerSettings settings = DockerSettings.of("shop:{version}", 8000);

    assertThat(settings.pull()).isEqualTo(PullPolicy.MISSING);
    assertThat(settings.stopSignal()).isEqualTo("SIGTERM");
    assertThat(settings.stopGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.portEnv()).isEqualTo("PORT");
    assertThat(settings.hostPort()).isZero();
  }

  @Test
  void invalidValuesAreRejectedNamingTheKeyAndWhatWasExpected() {
    assertThatThrownBy(() -> DockerSettings.of(" ", 8000))
        .hasMessage("runtime.image:   (expected: an image reference like shop:{version})");
    assertThatThrownBy(() -> DockerSettings.of("shop", 70000))
        .hasMessage("runtime.container_port: 70000 (expected: 1..65535)");
    assertThatThrownBy(() -> DockerSettings.of("shop", 80).withLimits(-1, 0))
        .hasMessage("runtime.memory: -1 bytes (expected: >= 0, 0 for no limit)");
    assertThatThrownBy(() -> PullPolicy.of("sometimes"))
        .hasMessage("pull: sometimes (expected: one of always, missing, never)");
  }

  @Test
  void pullPolicyIsReadInAnyCase() {
    assertThat(PullPolicy.of("Never")).isEqualTo(PullPolicy.NEVER);
    assertThat(PullPolicy.ALWAYS).hasToString("always");
  }

  @Test
  void dockerHostComesFromTheEnvironmentOrTheDefaultSocket() {
    assertThat(DockerHost.fromEnvironment(Map.of()).describe()).isEqualTo("/var/run/docker.sock");
    DockerHost custom = DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "unix:///tmp/d.sock"));
    assertThat(custom.describe()).isEqualTo("/tmp/d.sock");
    assertThat(custom.source()).isEqualTo("DOCKER_HOST");
    assertThatThrownBy(() -> DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "ssh://box")))
        .hasMessage(
            "DOCKER_HOST: ssh://box (expected: unix:///path/to/docker.sock or tcp://host:port)");
  }
}
