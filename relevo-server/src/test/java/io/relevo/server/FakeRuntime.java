package io.relevo.server;

import io.relevo.core.runtime.Endpoint;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.core.runtime.RuntimeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Revisions that run nowhere: each "starts" instantly on a made-up port and writes one line to its
 * log file, so log requests have something to read.
 */
final class FakeRuntime implements RuntimeProvider {

  private final AtomicInteger ports = new AtomicInteger(40_000);

  @Override
  public Instance start(RevisionSpec spec) {
    try {
      Files.createDirectories(spec.logFile().getParent());
      Files.writeString(spec.logFile(), "revision " + spec.revision() + " (" + spec.version()
          + ") started\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FakeInstance(new InstanceRecord(
        "fake-" + spec.revision(), "127.0.0.1", ports.incrementAndGet(), System.currentTimeMillis()));
  }

  @Override
  public Optional<Instance> adopt(RevisionSpec spec, InstanceRecord record) {
    return Optional.empty();
  }

  @Override
  public void stop(Instance instance, Duration grace) {
    ((FakeInstance) instance).alive = false;
  }

  private static final class FakeInstance implements Instance {
    private final InstanceRecord record;
    private volatile boolean alive = true;

    FakeInstance(InstanceRecord record) {
      this.record = record;
    }

    @Override
    public InstanceRecord record() {
      return record;
    }

    @Override
    public Endpoint endpoint() {
      return new Endpoint(record.host(), record.port());
    }

    @Override
    public boolean isAlive() {
      return alive;
    }

    @Override
    public Optional<Integer> exitCode() {
      return alive ? Optional.empty() : Optional.of(143);
    }

    @Override
    public List<String> logTail(int lines) {
      return List.of();
    }
  }
}
