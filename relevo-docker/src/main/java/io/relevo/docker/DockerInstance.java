package io.relevo.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import java.util.List;
import java.util.Optional;

/**
 * One revision running as a Docker container. Its state is read from the engine at each call, so it
 * is as true for an adopted container as for one this agent started.
 *
 * <p>Once {@link DockerRuntime#stop} has removed the container, its exit code and the last {@value
 * #KEPT_LINES} lines of its log are what remains: they were read just before removal.
 */
final class DockerInstance implements Instance {

  static final int KEPT_LINES = 200;

  private final Engine engine;
  private final InstanceRecord record;
  private final String name;
  private final String stopSignal;

  private volatile Integer removedExitCode; // set once removed
  private volatile List<String> removedLog; // set once removed
  private volatile LogFollower follower; // null when the spec had no log file

  DockerInstance(Engine engine, InstanceRecord record, String name, String stopSignal) {
    this.engine = engine;
    this.record = record;
    this.name = name;
    this.stopSignal = stopSignal;
  }

  String id() {
    return record.id();
  }

  String name() {
    return name;
  }

  String stopSignal() {
    return stopSignal;
  }

  LogFollower follower() {
    return follower;
  }

  void follower(LogFollower follower) {
    this.follower = follower;
  }

  boolean removed() {
    return removedLog != null;
  }

  /** Keeps what a user still asks of a removed container: its exit code and last lines. */
  void markRemoved(Integer exitCode, List<String> log) {
    this.removedExitCode = exitCode;
    this.removedLog = List.copyOf(log);
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
    if (removed()) {
      return false;
    }
    return engine.inspect(record.id()).map(DockerInstance::running).orElse(false);
  }

  /**
   * The container's exit code once it has exited: the service's own, or 128 + the signal number
   * when a signal ended it (143 after SIGTERM, 137 after SIGKILL). Empty while it runs.
   */
  @Override
  public Optional<Integer> exitCode() {
    if (removed()) {
      return Optional.ofNullable(removedExitCode);
    }
    return engine.inspect(record.id()).flatMap(DockerInstance::exitCodeOf);
  }

  @Override
  public List<String> logTail(int lines) {
    if (removed()) {
      List<String> log = removedLog;
      return log.subList(Math.max(0, log.size() - Math.max(0, lines)), log.size());
    }
    return engine.logTail(record.id(), lines);
  }

  static boolean running(InspectContainerResponse container) {
    return Boolean.TRUE.equals(container.getState().getRunning());
  }

  static Optional<Integer> exitCodeOf(InspectContainerResponse container) {
    if (running(container) || "created".equals(container.getState().getStatus())) {
      return Optional.empty();
    }
    Long code = container.getState().getExitCodeLong();
    return code == null ? Optional.empty() : Optional.of(code.intValue());
  }

  @Override
  public String toString() {
    return "container " + name + " (" + shortId(record.id()) + ") on " + endpoint();
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
