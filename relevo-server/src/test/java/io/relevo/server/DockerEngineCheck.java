package io.relevo.server;

import static org.junit.jupiter.api.Assertions.fail;

import io.relevo.core.RelevoException;
import io.relevo.docker.DockerHost;
import io.relevo.docker.DockerRuntime;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test when no Docker engine answers, saying why; under {@code RELEVO_REQUIRE_ALL=1} (CI)
 * fails it instead, so a missing engine cannot pass for a green run. The same rule as
 * relevo-docker's own check.
 */
final class DockerEngineCheck {

  private DockerEngineCheck() {}

  static DockerHost requireEngine() {
    DockerHost host;
    try {
      host = DockerHost.fromEnvironment();
    } catch (IllegalArgumentException e) {
      skipOrFail(e.getMessage());
      return null;
    }
    try (DockerRuntime runtime = DockerRuntime.create(spec -> null, host)) {
      runtime.ping();
    } catch (RelevoException e) {
      skipOrFail(e.getMessage());
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
