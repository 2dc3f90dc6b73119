package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.process.ProcessRuntime;
import io.relevo.store.CloseableStore;
import io.relevo.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(value = OS.LINUX, disabledReason = "strays are found through /proc/PID/environ")
class ProcessStraySweepIT {

  private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");

  @TempDir Path dir;

  private Path stateDir;
  private CloseableStore store;
  private ProcessRuntime runtime;
  private final List<Instance> started = new ArrayList<>();

  @BeforeEach
  void open() {
    stateDir = dir.resolve("state");
    store = Stores.sqlite(dir.resolve("history.db"));
    runtime = ProcessRuntime.create(stateDir);
  }

  @AfterEach
  void close() {
    started.forEach(instance -> runtime.stop(instance, Duration.ofMillis(200)));
    store.close();
  }

  @Test
  void aProcessHistoryDoesNotKnowIsStoppedWithAnEventAndTheRecordedOneKeepsRunning() {
    Instance serving = start(1);
    store.saveRevision(revision(1, Revision.State.SERVING, serving));
    // Revision 2 was spawned, then the agent died before writing its pid to history.
    store.saveRevision(revision(2, Revision.State.STARTING, null));
    long rollout =
        store.startRollout(
            new RolloutRecord(
                0,
                "demo",
                RolloutRecord.Kind.DEPLOY,
                1,
                2,
                "canary",
                "ana",
                null,
                T0,
                null,
                RolloutRecord.Outcome.RUNNING,
                null,
                List.of()));
    Instance orphan = start(2);

    ProcessStraySweep.run(stateDir, store, Map.of(), InstantSource.fixed(T0));

    await().atMost(Duration.ofSeconds(15)).until(() -> !orphan.isAlive());
    assertThat(serving.isAlive()).isTrue();
    assertThat(store.rollout(rollout).orElseThrow().events())
        .extracting(RolloutEvent::step, RolloutEvent::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("recover", RolloutEvent.Status.WARNING));
    assertThat(store.rollout(rollout).orElseThrow().events().getFirst().message())
        .startsWith("stopped process " + orphan.record().id() + " of revision 2");
  }

  private Instance start(int number) {
    RuntimeConfig config =
        new RuntimeConfig(
            null, List.of("sh", "-c", "sleep 60 & wait"), null, null, null, null, null);
    AppConfig app = new AppConfig("demo", null, config, null, null, null, null, null, null, null);
    Instance instance =
        runtime.start(
            new RevisionSpec("demo", number, "v" + number, app, dir, dir.resolve(number + ".log")));
    started.add(instance);
    return instance;
  }

  private static Revision revision(int number, Revision.State state, Instance instance) {
    InstanceRecord record = instance == null ? null : instance.record();
    return new Revision(
        "demo", number, "v" + number, null, null, null, state, record, T0, null, null);
  }
}
