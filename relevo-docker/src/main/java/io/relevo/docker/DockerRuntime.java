package io.relevo.docker;

import io.relevo.core.RelevoException;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.core.runtime.RuntimeProvider;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Docker runtime: each revision is one container named {@code relevo-APP-rN}, labelled {@code
 * io.relevo.app}, {@code io.relevo.revision} and {@code io.relevo.version}, and published on a free
 * loopback port of the host ({@code 127.0.0.1}) that the proxy targets.
 *
 * <p>It talks to the Docker Engine API over its unix socket ({@code DOCKER_HOST}, else {@code
 * /var/run/docker.sock}) through docker-java's zero-dependency transport: no {@code docker} CLI. A
 * container lives on when the agent dies; a restarted agent finds it again with {@link #adopt} and
 * lists the app's containers that no record claims with {@link #strays}.
 */
public final class DockerRuntime implements RuntimeProvider, AutoCloseable {

  private final Engine engine;
  private final Function<RevisionSpec, RuntimeConfig> settings;
  private final LogCopies logs;
  private final ContainerStart starting;
  private final ContainerStop stopping;
  private final Adoption adoption;

  private DockerRuntime(
      Engine engine, Engine streams, Function<RevisionSpec, RuntimeConfig> settings) {
    this.engine = engine;
    this.settings = settings;
    this.logs = new LogCopies(streams);
    this.starting = new ContainerStart(engine, logs);
    this.stopping = new ContainerStop(engine, logs);
    this.adoption = new Adoption(engine, logs, settings);
  }

  /**
   * A runtime that runs each revision with the {@code runtime} section of the config it was
   * deployed with ({@link RuntimeConfig#docker()}), on the engine at {@code host}.
   */
  public static DockerRuntime create(DockerHost host) {
    return create(spec -> spec.config().runtime(), host);
  }

  /**
   * A runtime that asks {@code settings} for each revision's runtime section, whose {@link
   * RuntimeConfig#docker()} must be set, on the engine at {@code host}. Connects lazily: no call
   * reaches the engine before the first start, adopt or stop.
   */
  public static DockerRuntime create(
      Function<RevisionSpec, RuntimeConfig> settings, DockerHost host) {
    Objects.requireNonNull(settings, "settings");
    return new DockerRuntime(Engine.connect(host), Engine.connectForStreams(host), settings);
  }

  /** The engine this runtime talks to. */
  public DockerHost host() {
    return engine.host();
  }

  /**
   * Throws {@link RelevoException} of kind {@code UNAVAILABLE}, naming the socket tried, when the
   * engine does not answer.
   */
  public void ping() {
    engine.ping();
  }

  /**
   * Creates and starts the revision's container and returns once it runs (not once it is ready).
   * Throws {@link RelevoException}: {@code UNAVAILABLE} when the engine is not reachable, {@code
   * BAD_INPUT} for an image that is not there and may not be pulled, {@code CONFLICT} when the host
   * port is in use or a container of the same name still runs, {@code FAILED} when the engine
   * refuses the container or it exits within half a second of its start (with its exit code and
   * last log lines).
   */
  @Override
  public Instance start(RevisionSpec spec) {
    return starting.start(spec, settings.apply(spec));
  }

  /**
   * Accepts the container of {@code record.id()} while it runs and its labels name this app and
   * revision, so that a container id reused for something else is not taken for the revision. It is
   * stopped with the stop signal of the current settings.
   */
  @Override
  public Optional<Instance> adopt(RevisionSpec spec, InstanceRecord record) {
    return adoption.adopt(spec, record);
  }

  /**
   * The running containers labelled with {@code app} whose ids no record in {@code recorded} holds:
   * to report after a restart. They are left running: relevo never kills what it does not know to
   * be its own.
   */
  public List<StrayContainer> strays(String app, Collection<InstanceRecord> recorded) {
    return adoption.strays(app, recorded);
  }

  /**
   * Sends the configured stop signal (default SIGTERM), waits up to {@code grace} for the container
   * to exit, then sends SIGKILL; then removes the container, keeping its exit code and last log
   * lines on the instance. Idempotent: a stopped or removed container is only removed.
   */
  @Override
  public void stop(Instance instance, Duration grace) {
    if (!(instance instanceof DockerInstance container)) {
      throw new IllegalArgumentException(
          "instance: " + instance + " (expected: an instance started or adopted by DockerRuntime)");
    }
    stopping.stop(container, grace);
  }

  /**
   * Stops copying logs and frees the client's connections; containers keep running (a next agent
   * adopts them and resumes their logs), its instances can no longer ask.
   */
  @Override
  public void close() {
    logs.close();
    engine.close();
  }
}
