package io.relevo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.RevisionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(value = OS.LINUX, disabledReason = "strays are found through /proc/PID/environ")
class ProcessStraysIT {

  @TempDir Path dir;

  private final List<Instance> started = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    started.forEach(instance -> ProcessRuntime.create().stop(instance, Duration.ofMillis(200)));
  }

  @Test
  void aMarkedProcessNoRevisionClaimsIsAStrayAndItsChildrenAreNot() {
    Path stateDir = dir.resolve("state");
    ProcessInstance revision = start(ProcessRuntime.create(stateDir), 3);
    ProcessHandle child = awaitChild(revision);

    assertThat(ProcessStrays.find(stateDir, Set.of()))
        .containsExactly(new ProcessStrays.Stray(revision.handle().pid(), "demo", 3));
    assertThat(ProcessStrays.find(stateDir, Set.of(revision.handle().pid()))).isEmpty();
    assertThat(ProcessStrays.find(dir.resolve("other-state"), Set.of())).isEmpty();
    assertThat(child.isAlive()).isTrue();
  }

  @Test
  void processesStartedWithoutAStateDirAreNeverStrays() {
    Path stateDir = dir.resolve("state");
    start(ProcessRuntime.create(), 4);

    assertThat(ProcessStrays.find(stateDir, Set.of())).isEmpty();
  }

  @Test
  void stoppingAStrayEndsItAndItsChildren() {
    Path stateDir = dir.resolve("state");
    ProcessInstance revision = start(ProcessRuntime.create(stateDir), 5);
    ProcessHandle child = awaitChild(revision);
    ProcessStrays.Stray stray = ProcessStrays.find(stateDir, Set.of()).getFirst();

    assertThat(ProcessStrays.stop(stray, Duration.ofSeconds(5))).isTrue();

    await().atMost(Duration.ofSeconds(10)).until(() -> !revision.isAlive() && !child.isAlive());
    assertThat(ProcessStrays.find(stateDir, Set.of())).isEmpty();
    assertThat(ProcessStrays.stop(stray, Duration.ofSeconds(5))).isFalse();
  }

  private ProcessInstance start(ProcessRuntime runtime, int number) {
    RuntimeConfig config =
        new RuntimeConfig(
            null, List.of("sh", "-c", "sleep 60 & wait"), null, null, null, null, null);
    AppConfig app = new AppConfig("demo", null, config, null, null, null, null, null, null, null);
    Instance instance =
        runtime.start(
            new RevisionSpec(
                "demo", number, "v1", app, dir, dir.resolve("demo-" + number + ".log")));
    started.add(instance);
    return (ProcessInstance) instance;
  }

  private static ProcessHandle awaitChild(ProcessInstance revision) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> revision.handle().children().findAny().isPresent());
    return revision.handle().children().findFirst().orElseThrow();
  }
}
