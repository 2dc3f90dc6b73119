package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.RuntimeConfig.RuntimeType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** relevo init looks at a project and writes a relevo.yml that loads as is. */
class InitCommandTest {

  @TempDir Path dir;

  private AppConfig written(Path project) throws Exception {
    return ConfigLoader.load(project.resolve("relevo.yml"), Map.of());
  }

  @Test
  void aDockerfileMeansTheDockerRuntime() throws Exception {
    Path project = Files.createDirectories(dir.resolve("Booking_Service"));
    Files.writeString(project.resolve("Dockerfile"), "FROM scratch\n");

    CliRun run = CliRun.of(Map.of(), "init", project.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    AppConfig config = written(project);
    assertThat(config.app()).isEqualTo("booking-service");
    assertThat(config.runtime().type()).isEqualTo(RuntimeType.DOCKER);
    assertThat(Files.readString(project.resolve("relevo.yml")))
        .contains(
            "# relevo.yml for booking-service, written by `relevo init` (found a Dockerfile).")
        .contains("# gates:");
    assertThat(run.out()).contains("found a Dockerfile: runtime docker");
  }

  @Test
  void aJarMeansAProcessThatRunsIt() throws Exception {
    Path project = Files.createDirectories(dir.resolve("shop"));
    Files.createDirectories(project.resolve("target"));
    Files.writeString(project.resolve("target/shop-1.0-sources.jar"), "");
    Files.writeString(project.resolve("target/shop-1.0.jar"), "");

    CliRun run = CliRun.of(Map.of(), "init", project.toString(), "--app", "store");

    assertThat(run.exitCode()).as(run.err()).isZero();
    AppConfig config = written(project);
    assertThat(config.app()).isEqualTo("store");
    assertThat(config.runtime().type()).isEqualTo(RuntimeType.PROCESS);
    assertThat(config.runtime().command()).containsExactly("java", "-jar", "target/shop-1.0.jar");
  }

  @Test
  void anExistingConfigIsNeverOverwritten() throws Exception {
    Path project = Files.createDirectories(dir.resolve("shop"));
    Files.writeString(project.resolve("relevo.yml"), "app: mine\n");

    CliRun run = CliRun.of(Map.of(), "init", project.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("relevo.yml exists; relevo init does not overwrite it");
    assertThat(Files.readString(project.resolve("relevo.yml"))).isEqualTo("app: mine\n");
  }
}
