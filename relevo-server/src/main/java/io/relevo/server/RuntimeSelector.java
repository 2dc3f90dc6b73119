package io.relevo.server;

import io.relevo.core.RelevoException;
import io.relevo.core.config.RuntimeConfig.RuntimeType;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.core.runtime.RuntimeProvider;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * The agent's one runtime: starts and adopts each revision with the runtime its config names
 * ({@code runtime.type}), and stops an instance with the runtime that started or adopted it, so
 * apps of both kinds live side by side under one agent.
 *
 * <p>The Docker runtime is made on the first Docker revision, so an agent whose apps are all
 * processes never needs a Docker engine. Closing frees the Docker runtime's connections; no
 * revision is stopped (they outlive the agent).
 */
final class RuntimeSelector implements RuntimeProvider, AutoCloseable {

  private final RuntimeProvider process;
  private final Supplier<? extends RuntimeProvider> dockerFactory;
  // Instances are compared by identity; a weak map forgets those the engine no longer holds.
  private final Map<Instance, RuntimeProvider> owners =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final Supplier<? extends RuntimeProvider> kubernetesFactory;
  private RuntimeProvider docker; // guarded by this; made on first use
  private RuntimeProvider kubernetes; // guarded by this; made on first use

  private RuntimeSelector(
      RuntimeProvider process,
      Supplier<? extends RuntimeProvider> docker,
      Supplier<? extends RuntimeProvider> kubernetes) {
    this.process = Objects.requireNonNull(process, "process");
    this.dockerFactory = Objects.requireNonNull(docker, "docker");
    this.kubernetesFactory = Objects.requireNonNull(kubernetes, "kubernetes");
  }

  /**
   * @param process runs {@code type: process} revisions
   * @param docker makes the runtime of {@code type: docker} revisions, called once, on first need;
   *     an {@link IllegalArgumentException} it throws (a bad DOCKER_HOST) reaches the rollout as a
   *     {@link RelevoException} of kind BAD_INPUT
   */
  static RuntimeSelector of(RuntimeProvider process, Supplier<? extends RuntimeProvider> docker) {
    return of(
        process,
        docker,
        () -> {
          throw new IllegalArgumentException(
              "runtime.type: kubernetes (expected: process or docker; this agent has no cluster)");
        });
  }

  /**
   * @param kubernetes makes the runtime of {@code type: kubernetes} revisions, called once, on
   *     first need, like {@code docker}
   */
  static RuntimeSelector of(
      RuntimeProvider process,
      Supplier<? extends RuntimeProvider> docker,
      Supplier<? extends RuntimeProvider> kubernetes) {
    return new RuntimeSelector(process, docker, kubernetes);
  }

  @Override
  public Instance start(RevisionSpec spec) {
    RuntimeProvider runtime = runtimeOf(spec);
    Instance instance = runtime.start(spec);
    owners.put(instance, runtime);
    return instance;
  }

  @Override
  public Optional<Instance> adopt(RevisionSpec spec, InstanceRecord record) {
    RuntimeProvider runtime = runtimeOf(spec);
    Optional<Instance> adopted = runtime.adopt(spec, record);
    adopted.ifPresent(instance -> owners.put(instance, runtime));
    return adopted;
  }

  @Override
  public void stop(Instance instance, Duration grace) {
    RuntimeProvider runtime = owners.get(instance);
    if (runtime == null) {
      throw new IllegalArgumentException(
          "instance: "
              + instance
              + " (expected: one started or adopted through this agent's runtime)");
    }
    runtime.stop(instance, grace);
  }

  private RuntimeProvider runtimeOf(RevisionSpec spec) {
    RuntimeType type = spec.config().runtime().type();
    return switch (type) {
      case PROCESS -> process;
      case DOCKER -> docker();
      case KUBERNETES -> kubernetes();
    };
  }

  private synchronized RuntimeProvider kubernetes() {
    if (kubernetes == null) {
      try {
        kubernetes = Objects.requireNonNull(kubernetesFactory.get(), "kubernetes runtime");
      } catch (IllegalArgumentException e) {
        throw new RelevoException(RelevoException.Kind.BAD_INPUT, e.getMessage(), e);
      }
    }
    return kubernetes;
  }

  private synchronized RuntimeProvider docker() {
    if (docker == null) {
      try {
        docker = Objects.requireNonNull(dockerFactory.get(), "docker runtime");
      } catch (IllegalArgumentException e) {
        throw new RelevoException(RelevoException.Kind.BAD_INPUT, e.getMessage(), e);
      }
    }
    return docker;
  }

  /** Whether the Docker runtime has been made: false for an agent that only ran processes. */
  synchronized boolean dockerStarted() {
    return docker != null;
  }

  @Override
  public void close() throws Exception {
    RuntimeProvider made;
    synchronized (this) {
      made = docker;
    }
    if (made instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
