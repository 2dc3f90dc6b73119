package io.relevo.cli.demo;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the demo's {@code relevo.yml}: the example booking service, run from the classes that ship
 * inside relevo's own jar, with fast health checks so the demo takes seconds.
 */
final class DemoConfig {

  private static final String MAIN = "io.relevo.example.alojamientos.Main";

  private DemoConfig() {}

  static Path write(Path dir, int port) throws IOException {
    return write(
        dir.resolve("relevo.yml"),
        port,
        """
        smoke:
          - {path: /api/v1/accommodations, expect_status: 200, body_contains: "city"}
          - {path: /api/v1/healthz, body_contains: "healthy", max_latency: 2s}
        """);
  }

  private static Path write(Path file, int port, String smoke) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String yaml =
        """
        app: alojamientos
        runtime:
          command: ["%s", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", "%s", "%s"]
          port_env: PORT
        listen: 127.0.0.1:%d
        health:
          readiness: {path: /api/v1/healthz, interval: 250ms, timeout: 1s, retries: 3, start_period: 4s}
          ready_timeout: 30s
        rollback:
          keep_previous: 10m
        proxy:
          drain_timeout: 5s
        """
            .formatted(java, appClassPath(), MAIN, port);
    Files.writeString(file, yaml + smoke);
    return file;
  }

  /**
   * The same app with {@code strategy: canary} and no analysis configured: 10% of traffic, judged
   * every second by the default analysis, which fails as soon as the canary's errors are
   * significantly 5 points above stable's. Its smoke check reads only the health endpoint, which
   * the injected errors spare: the point of this act is that live-traffic analysis catches what a
   * smoke test can miss.
   */
  static Path writeCanary(Path dir, int port) throws IOException {
    return write(
        dir.resolve("relevo-canary.yml"),
        port,
        """
        smoke:
          - {path: /api/v1/healthz, body_contains: "healthy"}
        strategy: canary
        """);
  }

  private static String appClassPath() {
    try {
      Class<?> main = Class.forName(MAIN);
      return Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (ClassNotFoundException | URISyntaxException e) {
      throw new IllegalStateException(
          "the example app " + MAIN + " is not on relevo's class path", e);
    }
  }
}
