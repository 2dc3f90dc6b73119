package io.relevo.docker;

import static org.junit.jupiter.api.Assertions.fail;

import io.relevo.core.RelevoException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test when no Docker engine answers, saying why; under {@code RELEVO_REQUIRE_ALL=1} (CI)
 * fails it instead, so a missing engine cannot pass for a green run.
 */
final class DockerEngineCheck {

  static final Path BUSYBOX = Path.of("/bin/busybox");

  private DockerEngineCheck() {}

  static DockerHost requireEngine() {
    DockerHost host;
    try {
      host = DockerHost.fromEnvironment();
    } catch (IllegalArgumentException e) {
      skipOrFail(e.getMessage());
      return null;
    }
    try (Engine engine = Engine.connect(host)) {
      engine.ping();
    } catch (RelevoException e) {
      skipOrFail(e.getMessage());
    }
    if (!Files.isExecutable(BUSYBOX)) {
      skipOrFail(BUSYBOX + " is missing: the test images are built from Debian's busybox-static");
    }
    return host;
  }

  private static void skipOrFail(String why) {
    String hint = " (start one with: eval \"$(.ci/docker)\")";
    if ("1".equals(System.getenv("RELEVO_REQUIRE_ALL"))) {
      fail("RELEVO_REQUIRE_ALL=1 and the Docker tests cannot run: " + why + hint);
    }
    Assumptions.abort("Docker tests skipped: " + why + hint);
  }
}
