package io.relevo.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.HookCommand;
import io.relevo.core.hooks.HookResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks as real processes: environment, exit code, output tail, timeout, not executable. */
class ProcessHookRunnerTest {

  @TempDir Path dir;
  private final ProcessHookRunner runner = new ProcessHookRunner();

  private Path script(String name, String body, String mode) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void runsInTheConfigsFolderWithExactlyTheGivenEnvironment() throws Exception {
    script(
        "hook.sh",
        "echo \"$RELEVO_APP $RELEVO_VERSION ${HOME:-nohome} $(pwd)\"\nexit 0\n",
        "rwx------");

    HookResult result =
        runner.run(
            new HookCommand(List.of("./hook.sh"), null),
            Map.of("RELEVO_APP", "shop", "RELEVO_VERSION", "v2", "PATH", "/usr/bin:/bin"),
            dir);

    assertThat(result.ok()).as(result.describe()).isTrue();
    assertThat(result.outputTail()).isEqualTo("shop v2 nohome " + dir.toRealPath());
  }

  @Test
  void aFailingHookGivesItsExitCodeAndTheTailOfItsOutput() throws Exception {
    script(
        "fail.sh",
        "i=0; while [ $i -lt 30 ]; do echo line $i; i=$((i+1)); done\necho 'db not reachable' >&2\nexit 3\n",
        "rwx------");

    HookResult result =
        runner.run(
            new HookCommand(List.of("./fail.sh"), null), Map.of("PATH", "/usr/bin:/bin"), dir);

    assertThat(result.ok()).isFalse();
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.describe()).startsWith("exited 3 after ");
    List<String> lines = result.outputTail().lines().toList();
    assertThat(lines).hasSize(ProcessHookRunner.TAIL_LINES);
    assertThat(lines.getLast()).isEqualTo("db not reachable");
    assertThat(lines.getFirst()).isEqualTo("line 11");
  }

  @Test
  void aHookThatIsNotExecutableIsAClearErrorAndNeverRuns() throws Exception {
    Path file = script("plain.sh", "touch ran\n", "rw-------");

    HookResult result = runner.run(new HookCommand(List.of("./plain.sh"), null), Map.of(), dir);

    assertThat(result.ok()).isFalse();
    assertThat(result.describe())
        .isEqualTo("./plain.sh is not executable (expected: chmod +x " + file + ")");
    assertThat(dir.resolve("ran")).doesNotExist();
  }

  @Test
  void aMissingHookIsAClearError() {
    HookResult result = runner.run(new HookCommand(List.of("./nope.sh"), null), Map.of(), dir);

    assertThat(result.describe())
        .isEqualTo("./nope.sh: no such file (expected: a path relative to " + dir + ")");
  }

  @Test
  void aHookPastItsTimeoutIsKilled() throws Exception {
    script("slow.sh", "echo started\nsleep 30\n", "rwx------");

    long start = System.nanoTime();
    HookResult result =
        runner.run(
            new HookCommand(List.of("./slow.sh"), Duration.ofMillis(300)),
            Map.of("PATH", "/usr/bin:/bin"),
            dir);

    assertThat(result.ok()).isFalse();
    assertThat(result.describe()).isEqualTo("timed out after 300ms and was killed");
    assertThat(result.outputTail()).startsWith("started");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
