package io.relevo.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.relevo.core.RelevoException;
import io.relevo.core.config.DockerConfig;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.runtime.FreePort;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one revision's container: checks the plan and the image, clears a stopped leftover of the
 * same name, creates and starts the container on a loopback port (picking another free port when
 * one is taken between the pick and the bind), copies its log and watches its first moments.
 */
final class ContainerStart {

  // Logged under the public class's name, the one a user filters on.
  private static final Logger log = LoggerFactory.getLogger(DockerRuntime.class);
  private static final String HOST = "127.0.0.1";
  private static final int PORT_ATTEMPTS = 3;

  private final Engine engine;
  private final LogCopies logs;

  ContainerStart(Engine engine, LogCopies logs) {
    this.engine = engine;
    this.logs = logs;
  }

  /** See {@link DockerRuntime#start} for what it throws. */
  DockerInstance start(RevisionSpec spec, RuntimeConfig runtime) {
    String what = "revision " + spec.revision() + " (" + spec.version() + ") of " + spec.app();
    ContainerPlan plan;
    DockerConfig s;
    try {
      plan = ContainerPlan.of(spec, runtime);
      s = DockerSection.of(runtime);
    } catch (IllegalArgumentException e) {
      throw new RelevoException(RelevoException.Kind.BAD_INPUT, e.getMessage(), e);
    }
    engine.ping();
    ImagePolicy.ensure(engine, plan.image(), s.pull(), what);
    removeLeftover(plan.name(), what);

    for (int attempt = 1; ; attempt++) {
      int port = s.hostPort() != 0 ? s.hostPort() : FreePort.pick();
      String id = create(plan, s, runtime.stopGrace(), port, what);
      try {
        engine.run(
            "start container " + plan.name(), () -> engine.client().startContainerCmd(id).exec());
      } catch (DockerException e) {
        String reason = EngineErrors.engineMessage(e);
        engine.forceRemove(id);
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
            "cannot start "
                + what
                + ": the engine refused to start container "
                + plan.name()
                + ": "
                + reason,
            e);
      }
      DockerInstance instance = started(id, plan, s, port);
      followFromStart(instance, plan, spec, what);
      StartWatch.check(engine, logs, instance, what);
      log.info("started {} as {}", what, instance);
      return instance;
    }
  }

  private String create(
      ContainerPlan plan, DockerConfig s, Duration stopGrace, int port, String what) {
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
                    .withStopTimeout((int) Math.max(1, stopGrace.toSeconds()))
                    .withHostConfig(hostConfig);
            if (!plan.command().isEmpty()) {
              cmd.withCmd(plan.command());
            }
            return cmd.exec().getId();
          });
    } catch (DockerException e) {
      throw new RelevoException(
          RelevoException.Kind.FAILED,
          "cannot start "
              + what
              + ": the engine refused to create container "
              + plan.name()
              + ": "
              + EngineErrors.engineMessage(e),
          e);
    }
  }

  private DockerInstance started(String id, ContainerPlan plan, DockerConfig s, int port) {
    long startedAt =
        engine.inspect(id).map(c -> parseStartedAt(c.getState().getStartedAt())).orElse(0L);
    if (startedAt == 0L) {
      startedAt = System.currentTimeMillis();
    }
    return new DockerInstance(
        engine, new InstanceRecord(id, HOST, port, startedAt), plan.name(), s.stopSignal());
  }

  /** A log that cannot be written fails the start, and the container goes with it. */
  private void followFromStart(
      DockerInstance instance, ContainerPlan plan, RevisionSpec spec, String what) {
    if (spec.logFile() == null) {
      return;
    }
    try {
      logs.fromStart(
          instance,
          "for " + what + " from image " + plan.image() + " on " + instance.endpoint(),
          spec.logFile());
    } catch (IOException e) {
      engine.forceRemove(instance.id());
      throw new RelevoException(
          RelevoException.Kind.FAILED,
          "cannot start " + what + ": cannot write its log " + spec.logFile() + ": " + e,
          e);
    }
  }

  /**
   * A container of the same name left by an earlier attempt is removed when it has stopped; one
   * that still runs is someone's revision and is refused.
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
    engine.forceRemove(existing.get().getId());
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
}
