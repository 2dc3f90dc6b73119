package io.relevo.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.runtime.RevisionSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerRuntimeTest {

  @TempDir Path dir;

  @Test
  void unreachableEngineIsReportedWithTheSocketTried() {
    Path socket = dir.resolve("no-docker.sock");
    DockerHost host = new DockerHost(URI.create("unix://" + socket), "DOCKER_HOST");
    try (DockerRuntime runtime =
        DockerRuntime.create(spec -> TestRuntime.of("shop:{version}", 8000).config(), host)) {

      assertThatThrownBy(
              () -> runtime.start(new RevisionSpec("shop", 1, "v1", null, dir, dir.resolve("log"))))
          .isInstanceOfSatisfying(
              RelevoException.class,
              e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.UNAVAILABLE))
          .hasMessageStartingWith(
              "cannot reach the Docker engine: Docker engine not reachable at "
                  + socket
                  + " (from DOCKER_HOST): ")
          .hasMessageEndingWith("; start dockerd or set DOCKER_HOST to its socket");
    }
  }

  @Test
  void lastLinesDropTheFinalNewlineAndCarriageReturns() {
    assertThat(Engine.lastLines("a\r\nb\nc\n", 2)).containsExactly("b", "c");
    assertThat(Engine.lastLines("", 2)).isEmpty();
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

  @Test
  void aRevisionWhoseConfigIsNotOfTypeDockerIsRefusedAsBadInput() {
    DockerHost host = new DockerHost(URI.create("unix://" + dir.resolve("d.sock")), "DOCKER_HOST");
    var process =
        new io.relevo.core.config.RuntimeConfig(
            null, java.util.List.of("run"), null, null, null, null, null);
    try (DockerRuntime runtime = DockerRuntime.create(spec -> process, host)) {
      assertThatThrownBy(
              () -> runtime.start(new RevisionSpec("shop", 1, "v1", null, dir, dir.resolve("log"))))
          .isInstanceOfSatisfying(
              RelevoException.class,
              e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
          .hasMessage(
              "runtime.type: PROCESS (expected: docker, with its image and container_port)");
    }
  }
}
