package io.relevo.postgres;

import io.relevo.core.database.CommandResult;
import io.relevo.core.database.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs migration commands with {@code /bin/sh -c}, as a person would type them. */
final class ShellCommands implements CommandRunner {

  @Override
  public CommandResult run(
      String command, Map<String, String> env, Path workdir, Duration timeout) {
    long start = System.nanoTime();
    ProcessBuilder builder =
        new ProcessBuilder(List.of("/bin/sh", "-c", command))
            .directory(workdir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new CommandResult(
          127, "cannot start /bin/sh in " + workdir + ": " + e.getMessage(), false, took(start));
    }
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        return new CommandResult(-1, output.getNow(""), true, took(start));
      }
      return new CommandResult(process.exitValue(), output.join(), false, took(start));
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return new CommandResult(-1, "interrupted: the agent is shutting down", false, took(start));
    }
  }

  private static Duration took(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
