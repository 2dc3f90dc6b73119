package io.relevo.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.relevo.core.runtime.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}) on a free loopback port with its data in
 * a temp dir, for tests of PromQL analysis and of generated alert rules. A test whose Prometheus is
 * missing is skipped with the reason; under {@code RELEVO_REQUIRE_ALL=1} (CI) it fails instead.
 */
public final class PrometheusProcess implements AutoCloseable {

  private final Process process;
  private final URI url;
  private final Path log;

  private PrometheusProcess(Process process, URI url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  /** The binary, or a skip (a failure under RELEVO_REQUIRE_ALL=1) naming what to install. */
  public static Path require(String binary) {
    Path path = Path.of("/usr/bin", binary);
    if (!Files.isExecutable(path)) {
      String why = binary + " is not installed (apt-get install prometheus)";
      if ("1".equals(System.getenv("RELEVO_REQUIRE_ALL"))) {
        fail("RELEVO_REQUIRE_ALL=1 and the Prometheus tests cannot run: " + why);
      }
      Assumptions.abort("Prometheus tests skipped: " + why);
    }
    return path;
  }

  /**
   * Starts Prometheus with {@code configYaml} as its config file (rule files given relative to
   * {@code dir} resolve there) and waits until it is ready.
   */
  public static PrometheusProcess start(Path dir, String configYaml) throws Exception {
    Path binary = require("prometheus");
    Files.createDirectories(dir);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, configYaml);
    int port = FreePort.pick();
    Path log = dir.resolve("prometheus.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle"));
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusProcess prometheus =
        new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port), log);
    prometheus.awaitReady(Duration.ofSeconds(60));
    return prometheus;
  }

  public URI url() {
    return url;
  }

  /** GETs a path of its HTTP API, e.g. {@code /api/v1/alerts}; the body. */
  public String get(String pathAndQuery) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(URI.create(url + pathAndQuery)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  /** Its log so far, for failure messages. */
  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (HttpClient http = HttpClient.newHttpClient()) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("prometheus exited: " + log());
        }
        try {
          var response =
              http.send(
                  HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
                  HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(100);
      }
    }
    close();
    throw new IllegalStateException("prometheus not ready within " + timeout + ": " + log());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
