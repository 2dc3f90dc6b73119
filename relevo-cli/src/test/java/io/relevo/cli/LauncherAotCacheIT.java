package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./relevo} launcher's ahead-of-time cache (bin/aot.sh): a first command answers at once
 * and leaves a cache trained in the background; later commands start with it; a cache that no
 * longer fits is skipped without a word and the answer stays right; a new jar gets a cache of its
 * own. Runs the real launcher of this checkout on the jar this build made, with the caches in a
 * temporary folder.
 */
class LauncherAotCacheIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Duration TRAINING = Duration.ofMinutes(4);

  @TempDir Path dir;
  private Path caches;
  private Path noAgent;

  @BeforeEach
  void needsJdk25() throws IOException {
    Assumptions.assumeTrue(
        Runtime.version().feature() >= 25, "the AOT cache's -XX:AOTCacheOutput needs JDK 25");
    caches = dir.resolve("aot");
    noAgent = Files.createDirectories(dir.resolve("state"));
  }

  @Test
  void aFirstCommandAnswersAtOnceAndTheNextOnesStartWithTheCacheItTrained() throws Exception {
    Run first = relevo(Map.of(), "--version");
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out()).startsWith("relevo ");

    Path cache = awaitOneCache();
    // -XX:AOTMode=on: the JVM refuses to start unless it can use the cache the launcher names
    Run withCache = relevo(Map.of("RELEVO_JAVA_OPTS", "-XX:AOTMode=on"), "status");
    assertNoAgentAnswer(withCache);
    assertThat(cache).exists();
  }

  @Test
  void aDamagedCacheIsSkippedWithoutAWordAndTheAnswerStaysRight() throws Exception {
    relevo(Map.of(), "--version");
    Path cache = awaitOneCache();
    byte[] whole = Files.readAllBytes(cache);
    Files.write(cache, Arrays.copyOf(whole, whole.length / 2)); // cut short mid-write

    assertNoAgentAnswer(relevo(Map.of(), "status"));
    Files.writeString(cache, "not a cache");
    assertNoAgentAnswer(relevo(Map.of(), "status"));
    Run version = relevo(Map.of(), "--version");
    assertThat(version.exit()).as(version.toString()).isZero();
    assertThat(version.out()).startsWith("relevo ").doesNotContain("[aot]", "[cds]");
    assertThat(version.err()).isEmpty();
  }

  @Test
  void aNewJarGetsACacheOfItsOwnAndTheOldOneGoes() throws Exception {
    relevo(Map.of(), "--version");
    Path old = awaitOneCache();

    // a rebuilt jar: newer than the copy the launcher runs, so it copies it again
    Path jar = ROOT.resolve("relevo-cli/target/relevo.jar");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
    assertNoAgentAnswer(relevo(Map.of(), "status"));

    await()
        .atMost(TRAINING)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              List<Path> now = cacheFiles();
              assertThat(now).hasSize(1).doesNotContain(old);
            });
    assertNoAgentAnswer(relevo(Map.of("RELEVO_JAVA_OPTS", "-XX:AOTMode=on"), "status"));
  }

  /** No agent in the state dir: exit 3, the one-line message, and nothing from the JVM. */
  private void assertNoAgentAnswer(Run run) {
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(run.out()).as(run.toString()).isEmpty();
    assertThat(run.err().strip())
        .as(run.toString())
        .startsWith("relevo: no agent at ")
        .contains("start one with `relevo agent`")
        .doesNotContain("[aot]", "[cds]", "warning", "error");
  }

  private Path awaitOneCache() throws IOException {
    await()
        .atMost(TRAINING)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> cacheFiles().size() == 1 && !trainingUnderWay());
    return cacheFiles().get(0);
  }

  private List<Path> cacheFiles() throws IOException {
    if (!Files.isDirectory(caches)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(caches)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".aot")).toList();
    }
  }

  private boolean trainingUnderWay() throws IOException {
    try (Stream<Path> files = Files.list(caches)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".lock"));
    }
  }

  record Run(int exit, String out, String err) {}

  private Run relevo(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("relevo").toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("RELEVO_AOT_DIR", caches.toString());
    builder.environment().put("RELEVO_STATE_DIR", noAgent.toString());
    builder.environment().remove("RELEVO_JAVA_OPTS");
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("./relevo " + String.join(" ", args) + " did not end in 3 minutes");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
