package io.relevo.docker;

import io.relevo.core.runtime.FreePort;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.relevo.core.RelevoException;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.core.runtime.RuntimeProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger log = LoggerFactory.getLogger(DockerRuntime.class);
  private static final String HOST = "127.0.0.1";

  /**
   * How long {@link #start} watches a new container before it returns: one that exits this fast
   * (a missing file, a bad flag) is reported with its exit code and log at once, not after the
   * readiness timeout. A container that exits later is the readiness check's to report.
   */
  static final Duration START_CHECK = Duration.ofMillis(500);

  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);
  private static final int PORT_ATTEMPTS = 3;
  private static final int ERROR_LOG_LINES = 20;

  /** How long a stopped container's log stream may take to deliver its last lines. */
  private static final Duration LOG_DRAIN = Duration.ofSeconds(2);

  private final Engine engine;
  private final Engine streams;
  private final Function<RevisionSpec, DockerSettings> settings;
  private final Set<LogFollower> followers = ConcurrentHashMap.newKeySet();

  private DockerRuntime(
      Engine engine, Engine streams, Function<RevisionSpec, DockerSettings> settings) {
    this.engine = engine;
    this.streams = streams;
    this.settings = settings;
  }

  /** A runtime that runs every revision with {@code settings}, on the engine of DOCKER_HOST. */
  public static DockerRuntime create(DockerSettings settings) {
    Objects.requireNonNull(settings, "settings");
    return create(spec -> settings, DockerHost.fromEnvironment());
  }

  /**
   * A runtime that asks {@code settings} for each revision's settings (so the config at the time of
   * the rollout decides), on the engine at {@code host}. Connects lazily: no call reaches the engine
   * before the first start, adopt or stop.
   */
  public static DockerRuntime create(
      Function<RevisionSpec, DockerSettings> settings, DockerHost host) {
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
   * refuses the container or it exits within {@link #START_CHECK} (with its exit code and last log
   * lines).
   */
  @Override
  public Instance start(RevisionSpec spec) {
    String what = "revision " + spec.revision() + " (" + spec.version() + ") of " + spec.app();
    DockerSettings s = settings.apply(spec);
    ContainerPlan plan;
    try {
      plan = ContainerPlan.of(spec, s);
    } catch (IllegalArgumentException e) {
      throw new RelevoException(RelevoException.Kind.BAD_INPUT, e.getMessage(), e);
    }
    engine.ping();
    ImagePolicy.ensure(engine, plan.image(), s.pull(), what);
    removeLeftover(plan.name(), what);

    for (int attempt = 1; ; attempt++) {
      int port = s.hostPort() != 0 ? s.hostPort() : FreePort.pick();
      String id = create(plan, s, port, what);
      try {
        engine.run("start container " + plan.name(), () -> engine.client().startContainerCmd(id).exec());
      } catch (DockerException e) {
        String reason = EngineErrors.engineMessage(e);
        forceRemove(id);
        if (portInUse(reason)) {
          if (s.hostPort() == 0 && attempt < PORT_ATTEMPTS) {
            // Another program took the free port between the pick and the bind: pick again.
            continue;
          }
          throw new RelevoException(
              RelevoException.Kind.CONFLICT,
              "cannot start "
                  + what
                  + ": port "
                  + HOST
                  + ":"
                  + port
                  + " is in use (expected: a free port; stop what listens there"
                  + (s.hostPort() != 0 ? " or set runtime.host_port: 0 to pick one" : "")
                  + "): "
                  + reason,
              e);
        }
        throw new RelevoException(
            RelevoException.Kind.FAILED,
            "cannot start " + what + ": the engine refused to start container " + plan.name()
                + ": " + reason,
            e);
      }
      DockerInstance instance = started(id, plan, s, port);
      followFromStart(instance, plan, spec, what);
      checkStillRunning(instance, what);
      log.info("started {} as {}", what, instance);
      return instance;
    }
  }

  private String create(ContainerPlan plan, DockerSettings s, int port, String what) {
    ExposedPort exposed = ExposedPort.tcp(s.containerPort());
    HostConfig hostConfig =
        HostConfig.newHostConfig()
            .withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort(HOST, port), exposed))
            .withBinds(plan.binds().stream().map(Bind::parse).toList())
            .withNetworkMode(s.network());
    if (s.memoryBytes() > 0) {
      hostConfig.withMemory(s.memoryBytes());
    }
    if (s.cpus() > 0) {
      hostConfig.withNanoCPUs((long) (s.cpus() * 1_000_000_000L));
    }
    try {
      return engine.call(
          "create container " + plan.name(),
          () -> {
            CreateContainerCmd cmd =
                engine
                    .client()
                    .createContainerCmd(plan.image())
                    .withName(plan.name())
                    .withLabels(plan.labels())
                    .withEnv(plan.envList())
                    .withExposedPorts(exposed)
                    .withStopSignal(s.stopSignal())
                    .withStopTimeout((int) Math.max(1, s.stopGrace().toSeconds()))
                    .withHostConfig(hostConfig);
            if (!plan.command().isEmpty()) {
              cmd.withCmd(plan.command());
            }
            return cmd.exec().getId();
          });
    } catch (DockerException e) {
      throw new RelevoException(
          RelevoException.Kind.FAILED,
          "cannot start " + what + ": the engine refused to create container " + plan.name()
              + ": " + EngineErrors.engineMessage(e),
          e);
    }
  }

  private DockerInstance started(String id, ContainerPlan plan, DockerSettings s, int port) {
    long startedAt =
        engine.inspect(id).map(c -> parseStartedAt(c.getState().getStartedAt())).orElse(0L);
    if (startedAt == 0L) {
      startedAt = System.currentTimeMillis();
    }
    return new DockerInstance(
        engine, new InstanceRecord(id, HOST, port, startedAt), plan.name(), s.stopSignal());
  }

  /** A container that is gone within {@link #START_CHECK} is an error with its code and log. */
  private void checkStillRunning(DockerInstance instance, String what) {
    long deadline = System.nanoTime() + START_CHECK.toNanos();
    while (System.nanoTime() - deadline < 0) {
      Optional<InspectContainerResponse> state = engine.inspect(instance.id());
      if (state.isPresent() && !DockerInstance.running(state.get())) {
        Integer code = DockerInstance.exitCodeOf(state.get()).orElse(null);
        List<String> lines = instance.logTail(ERROR_LOG_LINES);
        endFollowing(instance);
        forceRemove(instance.id());
        throw new RelevoException(
            RelevoException.Kind.FAILED,
            "cannot start "
                + what
                + ": container "
                + instance.name()
                + " exited at start with code "
                + code
                + (lines.isEmpty()
                    ? " and wrote no output"
                    : "; its last " + lines.size() + " log lines:\n  " + String.join("\n  ", lines)));
      }
      sleep(POLL);
    }
  }

  /**
   * Copies the container's output into the revision's log file (see {@link LogFollower}), where
   * {@code relevo logs} reads it. A log that cannot be written fails the start, as it does for
   * processes: a revision whose output goes nowhere cannot be diagnosed.
   */
  private void followFromStart(
      DockerInstance instance, ContainerPlan plan, RevisionSpec spec, String what) {
    if (spec.logFile() == null) {
      return;
    }
    try {
      LogFollower follower =
          LogFollower.started(
              streams,
              instance.id(),
              plan.name(),
              "for " + what + " from image " + plan.image() + " on " + instance.endpoint(),
              spec.logFile());
      instance.follower(follower);
      followers.add(follower);
    } catch (java.io.IOException e) {
      forceRemove(instance.id());
      throw new RelevoException(
          RelevoException.Kind.FAILED,
          "cannot start " + what + ": cannot write its log " + spec.logFile() + ": " + e,
          e);
    }
  }

  /** Resumes copying an adopted container's output; a failure only costs log lines. */
  private void followAdopted(DockerInstance instance, RevisionSpec spec) {
    if (spec.logFile() == null) {
      return;
    }
    try {
      LogFollower follower = LogFollower.resumed(streams, instance.id(), spec.logFile());
      instance.follower(follower);
      followers.add(follower);
    } catch (java.io.IOException | RuntimeException e) {
      log.warn("cannot copy the log of {} to {}: {}", instance, spec.logFile(), e.toString());
    }
  }

  /** Lets the log stream of an exited container deliver its last lines, then ends it. */
  private void endFollowing(DockerInstance instance) {
    LogFollower follower = instance.follower();
    if (follower != null) {
      follower.awaitEnd(LOG_DRAIN);
      follower.close();
      followers.remove(follower);
    }
  }

  /**
   * A container of the same name left by an earlier attempt is removed when it has stopped; one that
   * still runs is someone's revision and is refused.
   */
  private void removeLeftover(String name, String what) {
    Optional<InspectContainerResponse> existing = engine.inspect(name);
    if (existing.isEmpty()) {
      return;
    }
    if (DockerInstance.running(existing.get())) {
      throw new RelevoException(
          RelevoException.Kind.CONFLICT,
          "cannot start "
              + what
              + ": container "
              + name
              + " already runs (id "
              + DockerInstance.shortId(existing.get().getId())
              + "); stop it or deploy under a new revision");
    }
    forceRemove(existing.get().getId());
  }

  /**
   * Accepts the container of {@code record.id()} while it runs and its labels name this app and
   * revision, so that a container id reused for something else is not taken for the revision. It
   * is stopped with the stop signal of the current settings.
   */
  @Override
  public Optional<Instance> adopt(RevisionSpec spec, InstanceRecord record) {
    return engine
        .inspect(record.id())
        .filter(DockerInstance::running)
        .filter(c -> labelled(c.getConfig().getLabels(), spec.app(), spec.revision()))
        .map(
            c -> {
              DockerInstance instance =
                  new DockerInstance(
                      engine,
                      record,
                      c.getName() == null ? record.id() : c.getName().replaceFirst("^/", ""),
                      settings.apply(spec).stopSignal());
              followAdopted(instance, spec);
              return instance;
            });
  }

  private static boolean labelled(Map<String, String> labels, String app, int revision) {
    return labels != null
        && app.equals(labels.get(ContainerPlan.APP_LABEL))
        && Integer.toString(revision).equals(labels.get(ContainerPlan.REVISION_LABEL));
  }

  /**
   * The running containers labelled with {@code app} whose ids no record in {@code recorded}
   * holds: to report after a restart. They are left running: relevo never kills what it does not
   * know to be its own.
   */
  public List<StrayContainer> strays(String app, Collection<InstanceRecord> recorded) {
    Set<String> ids = recorded.stream().map(InstanceRecord::id).collect(Collectors.toSet());
    List<Container> containers =
        engine.call(
            "list the containers of " + app,
            () ->
                engine
                    .client()
                    .listContainersCmd()
                    .withLabelFilter(Map.of(ContainerPlan.APP_LABEL, app))
                    .exec());
    return containers.stream()
        .filter(c -> !ids.contains(c.getId()))
        .map(
            c ->
                new StrayContainer(
                    c.getId(),
                    c.getNames() == null || c.getNames().length == 0
                        ? c.getId()
                        : c.getNames()[0].replaceFirst("^/", ""),
                    c.getLabels() == null ? null : c.getLabels().get(ContainerPlan.REVISION_LABEL),
                    c.getLabels() == null ? null : c.getLabels().get(ContainerPlan.VERSION_LABEL)))
        .toList();
  }

  /**
   * Sends the configured stop signal (default SIGTERM), waits up to {@code grace} for the
   * container to exit, then sends SIGKILL; then removes the container, keeping its exit code and
   * last log lines on the instance. Idempotent: a stopped or removed container is only removed.
   */
  @Override
  public void stop(Instance instance, Duration grace) {
    if (!(instance instanceof DockerInstance container)) {
      throw new IllegalArgumentException(
          "instance: " + instance + " (expected: an instance started or adopted by DockerRuntime)");
    }
    if (container.removed()) {
      return;
    }
    String id = container.id();
    Optional<InspectContainerResponse> state = engine.inspect(id);
    if (state.isEmpty()) {
      endFollowing(container);
      container.markRemoved(null, List.of());
      return;
    }
    if (DockerInstance.running(state.get())) {
      kill(id, container.stopSignal());
      if (!awaitExit(id, grace)) {
        log.warn("{} still running {} after {}; sending SIGKILL", container, grace,
            container.stopSignal());
        kill(id, "SIGKILL");
        awaitExit(id, KILL_WAIT);
      }
    }
    Integer code = engine.inspect(id).flatMap(DockerInstance::exitCodeOf).orElse(null);
    List<String> lines = engine.logTail(id, DockerInstance.KEPT_LINES);
    endFollowing(container);
    forceRemove(id);
    container.markRemoved(code, lines);
    log.info("stopped and removed {} (exit code {})", container, code);
  }

  private void kill(String id, String signal) {
    try {
      engine.run(
          "signal container " + id,
          () -> engine.client().killContainerCmd(id).withSignal(signal).exec());
    } catch (NotFoundException | ConflictException e) {
      // Gone or exited since it was inspected: the stop is already done.
    }
  }

  private boolean awaitExit(String id, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (engine.inspect(id).map(DockerInstance::running).orElse(false)) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      if (!sleep(POLL)) {
        return false;
      }
    }
    return true;
  }

  private void forceRemove(String id) {
    try {
      engine.run(
          "remove container " + id,
          () -> engine.client().removeContainerCmd(id).withForce(true).exec());
    } catch (NotFoundException e) {
      // Already removed.
    } catch (DockerException e) {
      // A removal already in progress answers 409; the engine finishes it.
      log.debug("removing container {}: {}", id, EngineErrors.engineMessage(e));
    }
  }

  private static boolean portInUse(String reason) {
    String lower = reason.toLowerCase(Locale.ROOT);
    return lower.contains("address already in use") || lower.contains("port is already allocated");
  }

  private static long parseStartedAt(String startedAt) {
    try {
      return startedAt == null ? 0L : Instant.parse(startedAt).toEpochMilli();
    } catch (DateTimeParseException e) {
      return 0L;
    }
  }

  private static boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Stops copying logs and frees the client's connections; containers keep running (a next agent
   * adopts them and resumes their logs), its instances can no longer ask.
   */
  @Override
  public void close() {
    followers.forEach(LogFollower::close);
    followers.clear();
    streams.close();
    engine.close();
  }
}
