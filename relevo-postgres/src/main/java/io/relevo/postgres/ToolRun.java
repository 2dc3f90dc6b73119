package io.relevo.postgres;

import io.relevo.core.RelevoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of a PostgreSQL client tool (pg_dump, pg_restore, psql) with its output (stdout and
 * stderr together) and exit code. A run past its timeout is killed and reported as such.
 */
record ToolRun(int exitCode, String output) {

  static ToolRun of(List<String> command, Map<String, String> env, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE, "cannot run " + command.get(0) + ": " + e.getMessage());
    }
    closeInput(process);
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new RelevoException(
            RelevoException.Kind.FAILED,
            command.get(0) + " did not finish within " + timeout.toSeconds() + "s and was killed");
      }
      return new ToolRun(process.exitValue(), output.join());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new RelevoException(RelevoException.Kind.FAILED, command.get(0) + " was interrupted");
    }
  }

  /** The last {@code lines} lines of the output, for an error message. */
  String tail(int lines) {
    List<String> all = output.strip().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private static void closeInput(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Nothing was to be written to it.
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
