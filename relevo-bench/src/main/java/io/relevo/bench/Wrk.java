package io.relevo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs wrk against a loopback port with fixed threads, connections and duration, and its report
 * script for p99.9 and error counts.
 */
final class Wrk {

  private final Path reportScript;
  private final int threads;

  Wrk(Path reportScript, int threads) {
    this.reportScript = reportScript;
    this.threads = threads;
  }

  int threads() {
    return threads;
  }

  /** The exact command line, as the docs show it. */
  String command(int port, int connections, Duration duration) {
    return String.join(" ", args(port, connections, duration));
  }

  WrkResult run(int port, int connections, Duration duration)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(args(port, connections, duration)).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "wrk did not end within " + (duration.toSeconds() + 30) + "s");
    }
    return WrkResult.parse(new String(output, StandardCharsets.UTF_8));
  }

  private String[] args(int port, int connections, Duration duration) {
    return new String[] {
      "wrk",
      "-t" + threads,
      "-c" + connections,
      "-d" + duration.toSeconds() + "s",
      "--latency",
      "--timeout",
      "5s",
      "-s",
      reportScript.toString(),
      "http://127.0.0.1:" + port + "/"
    };
  }
}
