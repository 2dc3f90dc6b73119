package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.core.runtime.RuntimeProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeSelectorTest {

  @TempDir Path dir;

  private final Recording process = new Recording();
  private final Recording docker = new Recording();
  private final AtomicInteger dockersMade = new AtomicInteger();
  private final RuntimeSelector selector =
      RuntimeSelector.of(
          process,
          () -> {
            dockersMade.incrementAndGet();
            return docker;
          });

  @Test
  void processAppsNeverMakeTheDockerRuntime() throws Exception {
    Instance instance = selector.start(spec("runtime:\n  command: [x]\n"));
    selector.stop(instance, Duration.ofSeconds(1));
    selector.close();

    assertThat(process.started).hasSize(1);
    assertThat(process.stopped).containsExactly(instance);
    assertThat(dockersMade).hasValue(0);
    assertThat(selector.dockerStarted()).isFalse();
  }

  @Test
  void dockerAppsStartAndStopInTheDockerRuntimeMadeOnce() {
    RevisionSpec spec =
        spec("runtime:\n  type: docker\n  image: shop:{version}\n  container_port: 80\n");
    Instance first = selector.start(spec);
    Instance second = selector.start(spec);
    selector.stop(first, Duration.ofSeconds(1));

    assertThat(docker.started).containsExactly(first, second);
    assertThat(docker.stopped).containsExactly(first);
    assertThat(process.started).isEmpty();
    assertThat(dockersMade).hasValue(1);
  }

  @Test
  void adoptedInstancesAreStoppedByTheRuntimeThatAdoptedThem() {
    RevisionSpec spec = spec("runtime:\n  type: docker\n  image: shop\n  container_port: 80\n");
    Instance adopted =
        selector.adopt(spec, new InstanceRecord("c0ffee", "127.0.0.1", 1234, 0)).orElseThrow();
    selector.stop(adopted, Duration.ofSeconds(1));

    assertThat(docker.stopped).containsExactly(adopted);
    assertThat(process.stopped).isEmpty();
  }

  @Test
  void anInstanceNoRuntimeHereStartedIsRefused() {
    Instance stranger = new Recording().start(spec("runtime:\n  command: [x]\n"));

    assertThatThrownBy(() -> selector.stop(stranger, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: one started or adopted through this agent's runtime");
  }

  @Test
  void aDockerRuntimeThatCannotBeMadeFailsTheRolloutWithTheReason() {
    RuntimeSelector broken =
        RuntimeSelector.of(
            process,
            () -> {
              throw new IllegalArgumentException(
                  "DOCKER_HOST: ftp://x (expected: unix:///path/to/docker.sock or tcp://host:port)");
            });

    assertThatThrownBy(
            () -> broken.start(spec("runtime:\n  type: docker\n  image: a\n  container_port: 1\n")))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
        .hasMessage(
            "DOCKER_HOST: ftp://x (expected: unix:///path/to/docker.sock or tcp://host:port)");
  }

  private RevisionSpec spec(String runtime) {
    var config = ConfigLoader.parse("relevo.yml", "app: shop\n" + runtime, Map.of());
    return new RevisionSpec("shop", 1, "v1", config, dir, dir.resolve("1.log"));
  }

  /** A runtime that records what it was asked; its instances are bare records. */
  private static final class Recording implements RuntimeProvider {
    final List<Instance> started = new ArrayList<>();
    final List<Instance> stopped = new ArrayList<>();

    @Override
    public Instance start(RevisionSpec spec) {
      Instance instance = new Bare(new InstanceRecord("i" + started.size(), "127.0.0.1", 1, 0));
      started.add(instance);
      return instance;
    }

    @Override
    public Optional<Instance> adopt(RevisionSpec spec, InstanceRecord record) {
      return Optional.of(new Bare(record));
    }

    @Override
    public void stop(Instance instance, Duration grace) {
      stopped.add(instance);
    }
  }

  private record Bare(InstanceRecord record) implements Instance {
    @Override
    public io.relevo.core.runtime.Endpoint endpoint() {
      return new io.relevo.core.runtime.Endpoint(record.host(), record.port());
    }

    @Override
    public boolean isAlive() {
      return true;
    }

    @Override
    public Optional<Integer> exitCode() {
      return Optional.empty();
    }

    @Override
    public List<String> logTail(int lines) {
      return List.of();
    }
  }
}
