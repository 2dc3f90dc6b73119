package io.relevo.bench;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.engine.DeployRequest;
import io.relevo.example.alojamientos.Main;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The example app (alojamientos) as the rollback benchmark deploys it: a small JVM per revision
 * started from relevo-bench's own jar, and the relevo.yml of each bench app.
 */
final class ExampleApp {

  private final Path work;
  private final List<String> command;

  ExampleApp(Path work) {
    this.work = work;
    this.command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xmx128m",
            "-cp",
            classPath(),
            Main.class.getName());
  }

  /** The command line as the report shows it. */
  String describe() {
    return "java "
        + String.join(" ", command.subList(1, command.size()))
            .replace(classPath(), "relevo-bench.jar");
  }

  /** The app's relevo.yml: only health timing and the strategy are set; analysis stays default. */
  String config(String app, int port, String strategy) {
    StringBuilder line = new StringBuilder();
    for (String part : command) {
      line.append(line.isEmpty() ? "" : ", ").append('"').append(part).append('"');
    }
    return """
        app: %s
        runtime:
          command: [%s]
        listen: 127.0.0.1:%d
        health:
          readiness: {path: /api/v1/healthz, interval: 200ms, retries: 5, start_period: 10s}
        proxy:
          drain_timeout: 5s
        %s"""
        .formatted(app, line, port, strategy);
  }

  DeployRequest request(String yaml, String version) {
    return new DeployRequest(
        ConfigLoader.parse("relevo.yml", yaml, Map.of()),
        work,
        version,
        "bench",
        "rollback-speed benchmark");
  }

  static URI url(int port) {
    return URI.create("http://127.0.0.1:" + port + "/api/v1/accommodations");
  }

  private static String classPath() {
    try {
      return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(
          "cannot locate the example app's classes: " + e.getMessage(), e);
    }
  }
}
