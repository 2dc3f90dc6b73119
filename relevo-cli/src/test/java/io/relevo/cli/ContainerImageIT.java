package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * packaging/container/build makes an image of relevo from the jar this build made, with no base
 * image pulled, on the Docker engine of {@code DOCKER_HOST}; the image answers {@code --version}
 * and runs an agent that answers {@code relevo status}. Skipped without an engine, except under
 * {@code RELEVO_REQUIRE_ALL=1}.
 */
class ContainerImageIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String TAG = "relevo-it/relevo:it";

  record Run(int exit, String output) {}

  @Test
  void theImageBuildsFromScratchAndRunsTheAgent() throws Exception {
    requireEngine();
    Path jar = ROOT.resolve("relevo-cli/target/relevo.jar");
    assertThat(jar).as("the jar `package` builds before the ITs run").isRegularFile();

    Run build =
        run(
            Duration.ofMinutes(5),
            ROOT.resolve("packaging/container/build").toString(),
            jar.toString(),
            TAG);
    assertThat(build.exit()).as(build.output()).isZero();

    Run version = run(Duration.ofMinutes(1), "docker", "run", "--rm", TAG, "--version");
    assertThat(version.exit()).as(version.output()).isZero();
    assertThat(version.output()).startsWith("relevo ").contains("(Java ");

    String container = run(Duration.ofMinutes(1), "docker", "run", "-d", TAG).output().strip();
    try {
      Run status = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline) {
        status =
            run(
                Duration.ofMinutes(1),
                "docker",
                "exec",
                container,
                "/opt/java/bin/java",
                "-jar",
                "/opt/relevo/relevo.jar",
                "status");
        if (status.exit() == 0) {
          break;
        }
        Thread.sleep(1000);
      }
      assertThat(status.exit()).as(status.output()).isZero();
      assertThat(status.output()).contains("no apps yet");
    } finally {
      run(Duration.ofMinutes(1), "docker", "rm", "-f", container);
    }
  }

  private static Run run(Duration timeout, String... command)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("relevo-container", ".out");
    try {
      Process process =
          new ProcessBuilder(new ArrayList<>(List.of(command)))
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + ": still running after " + timeout);
      }
      return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static void requireEngine() throws InterruptedException {
    String why = null;
    if (System.getenv("DOCKER_HOST") == null) {
      why = "DOCKER_HOST is not set";
    } else {
      try {
        Run ping =
            run(Duration.ofSeconds(30), "docker", "version", "--format", "{{.Server.Version}}");
        why = ping.exit() == 0 ? null : "no Docker engine answers: " + ping.output().strip();
      } catch (IOException e) {
        why = "the docker CLI is missing: " + e.getMessage();
      }
    }
    if (why == null) {
      return;
    }
    String hint = " (start one with: eval \"$(.ci/docker)\")";
    if ("1".equals(System.getenv("RELEVO_REQUIRE_ALL"))) {
      fail("RELEVO_REQUIRE_ALL=1 and the container image cannot be built: " + why + hint);
    }
    Assumptions.abort("container image not built: " + why + hint);
  }
}
