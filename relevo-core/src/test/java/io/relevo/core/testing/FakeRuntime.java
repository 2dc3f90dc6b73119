package io.relevo.core.testing;

import io.relevo.core.RelevoException;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.core.runtime.RuntimeProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runtime whose revisions are objects, not processes. A version containing {@code crash} exits at
 * once; {@code unlaunchable} cannot be started at all.
 */
public final class FakeRuntime implements RuntimeProvider {

  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, FakeInstance> instances = new ConcurrentHashMap<>();
  public final List<String> started = new CopyOnWriteArrayList<>();
  public final List<String> stopped = new CopyOnWriteArrayList<>();

  /** What each start was asked to run, in order. */
  public final List<RevisionSpec> specs = new CopyOnWriteArrayList<>();

  @Override
  public Instance start(RevisionSpec spec) {
    if (spec.version().contains("unlaunchable")) {
      throw new RelevoException(
          RelevoException.Kind.FAILED, "cannot start revision " + spec.revision());
    }
    int id = ids.incrementAndGet();
    FakeInstance instance = new FakeInstance("fake-" + id, spec.version(), 20000 + id);
    if (spec.version().contains("crash")) {
      instance.exit(1);
    }
    instances.put(instance.id, instance);
    started.add(spec.version());
    specs.add(spec);
    return instance;
  }

  @Override
  public Optional<Instance> adopt(RevisionSpec spec, InstanceRecord record) {
    FakeInstance instance = instances.get(record.id());
    return instance != null && instance.isAlive() ? Optional.of(instance) : Optional.empty();
  }

  @Override
  public void stop(Instance instance, Duration grace) {
    FakeInstance fake = (FakeInstance) instance;
    if (fake.isAlive()) {
      fake.exit(143);
      stopped.add(fake.version);
    }
  }

  /** The running instance of a version, if any. */
  public Optional<FakeInstance> running(String version) {
    return instances.values().stream()
        .filter(i -> i.version.equals(version) && i.isAlive())
        .findFirst();
  }

  public Optional<FakeInstance> byEndpoint(Endpoint endpoint) {
    return instances.values().stream().filter(i -> i.endpoint().equals(endpoint)).findFirst();
  }

  /** A revision that lives in memory. */
  public static final class FakeInstance implements Instance {
    final String id;
    public final String version;
    private final int port;
    private volatile Integer exitCode;
    public final AtomicInteger healthChecks = new AtomicInteger();

    FakeInstance(String id, String version, int port) {
      this.id = id;
      this.version = version;
      this.port = port;
    }

    public void exit(int code) {
      exitCode = code;
    }

    @Override
    public InstanceRecord record() {
      return new InstanceRecord(id, "127.0.0.1", port, 0);
    }

    @Override
    public Endpoint endpoint() {
      return new Endpoint("127.0.0.1", port);
    }

    @Override
    public boolean isAlive() {
      return exitCode == null;
    }

    @Override
    public Optional<Integer> exitCode() {
      return Optional.ofNullable(exitCode);
    }

    @Override
    public List<String> logTail(int lines) {
      return List.of(version + " says hello");
    }
  }
}
