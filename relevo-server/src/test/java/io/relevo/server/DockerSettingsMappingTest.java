package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.docker.DockerSettings;
import io.relevo.docker.PullPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerSettingsMappingTest {

  @Test
  void everyRuntimeKeyReachesTheDockerSettings() {
    String yaml =
        """
        app: shop
        runtime:
          type: docker
          image: registry.example.com/shop:{version}
          container_port: 8000
          host_port: 18000
          command: [gunicorn, app:app]
          port_env: APP_PORT
          env: {HOST: 0.0.0.0}
          env_files: [.env]
          volumes: [./data:/data]
          network: backend
          labels: {team: payments}
          memory: 1g
          cpus: 0.5
          pull: never
          stop_signal: SIGINT
          stop_grace: 3s
        """;
    var config = ConfigLoader.parse("relevo.yml", yaml, Map.of());
    Path dir = Path.of("/srv/shop");

    DockerSettings settings =
        DockerSettingsMapping.of(
            new RevisionSpec("shop", 4, "1.2.3", config, dir, dir.resolve("4.log")));

    assertThat(settings)
        .isEqualTo(
            new DockerSettings(
                "registry.example.com/shop:{version}",
                8000,
                18000,
                List.of("gunicorn", "app:app"),
                "APP_PORT",
                Map.of("HOST", "0.0.0.0"),
                List.of(".env"),
                List.of("./data:/data"),
                "backend",
                Map.of("team", "payments"),
                1L << 30,
                0.5,
                PullPolicy.NEVER,
                "SIGINT",
                Duration.ofSeconds(3)));
  }

  @Test
  void anEmptyCommandKeepsTheImagesOwn() {
    var config =
        ConfigLoader.parse(
            "relevo.yml",
            "app: shop\nruntime: {type: docker, image: shop, container_port: 80}\n",
            Map.of());
    Path dir = Path.of("/srv/shop");

    DockerSettings settings =
        DockerSettingsMapping.of(
            new RevisionSpec("shop", 1, "v1", config, dir, dir.resolve("1.log")));

    assertThat(settings.command()).isEmpty();
    assertThat(settings.portEnv()).isEqualTo("PORT");
    assertThat(settings.pull()).isEqualTo(PullPolicy.MISSING);
    assertThat(settings.stopGrace()).isEqualTo(Duration.ofSeconds(10));
  }
}
