package io.relevo.process;

import io.relevo.core.config.Durations;
import io.relevo.core.config.HookCommand;
import io.relevo.core.hooks.HookResult;
import io.relevo.core.hooks.HookRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a hook as an OS process without a shell, in the config's folder, with exactly the given
 * environment; stdout and stderr go together to a temporary file whose last {@value #TAIL_LINES}
 * lines come back. A hook past its timeout is killed, with its children.
 */
public final class ProcessHookRunner implements HookRunner {

  static final int TAIL_LINES = 20;

  @Override
  public HookResult run(HookCommand hook, Map<String, String> env, Path workdir) {
    long started = System.nanoTime();
    List<String> command = new ArrayList<>(hook.command());
    String program = command.getFirst();
    if (program.contains("/")) {
      Path path = workdir.resolve(program).normalize();
      if (!Files.exists(path)) {
        return HookResult.failed(
            program + ": no such file (expected: a path relative to " + workdir + ")",
            "",
            Duration.ZERO);
      }
      if (Files.isDirectory(path) || !Files.isExecutable(path)) {
        return HookResult.failed(
            program + " is not executable (expected: chmod +x " + path + ")", "", Duration.ZERO);
      }
      command.set(0, path.toString());
    }
    Path output;
    try {
      output = Files.createTempFile("relevo-hook", ".log");
    } catch (IOException e) {
      return HookResult.failed(
          "cannot create its output file: " + e.getMessage(), "", took(started));
    }
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workdir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectOutput(output.toFile())
              .redirectErrorStream(true);
      builder.environment().clear();
      builder.environment().putAll(env);
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        return HookResult.failed(
            "cannot start " + program + ": " + ProcessRuntime.reason(e), "", took(started));
      }
      if (!process.waitFor(hook.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        // the children first found, then the hook itself, then those children: the hook does not
        // outlive them to report their death, and none is left behind once it is gone
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(5, TimeUnit.SECONDS);
        return HookResult.failed(
            "timed out after " + Durations.format(hook.timeout()) + " and was killed",
            tail(output),
            took(started));
      }
      return new HookResult(process.exitValue(), tail(output), took(started), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HookResult.failed("interrupted", tail(output), took(started));
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException e) {
        // a temp file left behind is harmless
      }
    }
  }

  private static String tail(Path output) {
    return String.join("\n", LogTail.read(output, TAIL_LINES));
  }

  private static Duration took(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
