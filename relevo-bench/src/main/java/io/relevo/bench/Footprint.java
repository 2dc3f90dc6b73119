package io.relevo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent's own costs: time from {@code relevo agent} to its API accepting connections, its RSS
 * once idle, and the wall time of {@code relevo status} against it (a whole JVM start, as a user
 * sees it). Uses relevo-cli/target/relevo.jar as {@code ./relevo} runs it.
 */
final class Footprint {

  private static final int CLI_RUNS = 5;

  /** Missing: why nothing was measured (no jar, or the agent did not start). */
  record Result(String missing, double startMillis, long idleRssKib, List<Double> cliMillis) {}

  private final Path relevoJar;
  private final Path work;

  Footprint(Path relevoJar, Path work) {
    this.relevoJar = relevoJar;
    this.work = work;
  }

  Result run() throws IOException, InterruptedException {
    if (!Files.isRegularFile(relevoJar)) {
      return new Result(
          relevoJar + " is missing (build: ./mvnw -q -DskipTests package -pl relevo-cli -am)",
          0,
          0,
          List.of());
    }
    Path state = Files.createDirectories(work.resolve("agent-state"));
    // A copy, as ./relevo runs one: a build elsewhere may rewrite the jar under a running agent.
    Path jar =
        Files.copy(relevoJar, work.resolve("relevo.jar"), StandardCopyOption.REPLACE_EXISTING);
    int port = Subjects.freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long start = System.nanoTime();
    try (Subject agent =
        Subject.start(
            "relevo agent",
            port,
            work.resolve("agent.log"),
            java,
            "-jar",
            jar.toString(),
            "agent",
            "--state-dir",
            state.toString(),
            "--api",
            "127.0.0.1:" + port)) {
      double startMillis = (System.nanoTime() - start) / 1e6;
      Thread.sleep(2000);
      long idle = agent.rssKib();
      List<Double> cli = new ArrayList<>();
      for (int i = 0; i < CLI_RUNS; i++) {
        long t0 = System.nanoTime();
        Process status =
            new ProcessBuilder(
                    java, "-jar", jar.toString(), "status", "--state-dir", state.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("status.log").toFile())
                .start();
        if (!status.waitFor(30, TimeUnit.SECONDS) || status.exitValue() != 0) {
          status.destroyForcibly();
          return new Result(
              "relevo status failed; see " + work.resolve("status.log"), startMillis, idle, cli);
        }
        cli.add((System.nanoTime() - t0) / 1e6);
      }
      return new Result(null, startMillis, idle, cli);
    } catch (IllegalStateException e) {
      return new Result("the agent did not start: " + e.getMessage(), 0, 0, List.of());
    } finally {
      Files.deleteIfExists(jar); // 20+ MB that the results folder does not need
    }
  }
}
