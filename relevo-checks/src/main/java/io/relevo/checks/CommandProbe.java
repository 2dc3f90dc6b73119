package io.relevo.checks;

import io.relevo.core.config.ProbeConfig;
import io.relevo.core.health.HealthProbe;
import io.relevo.core.health.HealthResult;
import io.relevo.core.runtime.Endpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code probe.command()} with {@code RELEVO_HOST} and {@code RELEVO_PORT} set to the
 * endpoint: exit 0 passes. A command still running at {@code probe.timeout()} is killed, with its
 * children, and fails. The detail carries the exit code and the first line of output.
 */
final class CommandProbe implements HealthProbe {

  private static final Pattern SPAWN_HELPER_ERROR = Pattern.compile("error: \\d+ \\((.*)\\)");
  private static final int MAX_LINE = 200;

  @Override
  public HealthResult check(Endpoint endpoint, ProbeConfig probe) {
    long start = System.nanoTime();
    if (probe.command().isEmpty()) {
      return HealthResult.fail(
          "command: empty (expected: a command line for a command check)", Http.since(start));
    }
    Path output = null;
    try {
      // A file, not a pipe: a command that leaves a child holding its stdout cannot block us.
      output = Files.createTempFile("relevo-check-", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(probe.command())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().put("RELEVO_HOST", endpoint.host());
      builder.environment().put("RELEVO_PORT", Integer.toString(endpoint.port()));
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        return HealthResult.fail(
            "cannot run " + probe.command() + ": " + reason(e), Http.since(start));
      }
      if (!process.waitFor(probe.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return HealthResult.fail(
            "timed out after " + Http.human(probe.timeout()) + " (killed)" + firstLine(output),
            Http.since(start));
      }
      int exit = process.exitValue();
      String detail = "exit " + exit + firstLine(output);
      return exit == 0
          ? HealthResult.pass(detail, Http.since(start))
          : HealthResult.fail(detail, Http.since(start));
    } catch (IOException e) {
      return HealthResult.fail("command check failed: " + e.getMessage(), Http.since(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthResult.fail("interrupted", Http.since(start));
    } finally {
      deleteQuietly(output);
    }
  }

  /** {@code ": first line"}, or nothing when the command printed nothing. */
  private static String firstLine(Path output) {
    try (BufferedReader reader = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      while (line != null && line.isBlank()) {
        line = reader.readLine();
      }
      if (line == null) {
        return "";
      }
      line = line.strip();
      return ": " + (line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line);
    } catch (IOException e) {
      // Output that is not UTF-8 or vanished: the exit code is what counts.
      return "";
    }
  }

  /** The OS's reason without Java's wrapping: {@code No such file or directory}. */
  private static String reason(IOException e) {
    Throwable root = e.getCause() != null ? e.getCause() : e;
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    Matcher helper = SPAWN_HELPER_ERROR.matcher(message);
    return helper.find() ? helper.group(1) : message.replaceFirst("^error=\\d+, ", "").strip();
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temp file is harmless.
    }
  }
}
