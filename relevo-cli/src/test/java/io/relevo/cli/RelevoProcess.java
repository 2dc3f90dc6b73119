package io.relevo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code relevo.jar} as a separate process, as a user's shell would. */
final class RelevoProcess {

  static final Path JAR = Path.of("target", "relevo.jar").toAbsolutePath();
  static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  private RelevoProcess() {}

  /** One finished command: its exit code and what it printed. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  static ProcessBuilder builder(Map<String, String> env, Path workDir, String... args) {
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().putAll(env);
    return builder;
  }

  /** Runs a command to its end (at most two minutes). */
  static Result run(Map<String, String> env, Path workDir, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("relevo-out", ".txt");
    Path err = Files.createTempFile("relevo-err", ".txt");
    Process process =
        builder(env, workDir, args)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          "relevo " + String.join(" ", args) + " did not end within 2 minutes");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
