package io.relevo.server;

import io.relevo.core.config.DockerConfig;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.docker.DockerSettings;
import io.relevo.docker.PullPolicy;

/**
 * Turns a revision's {@code runtime} config into the Docker runtime's settings. The keys that both
 * runtimes share ({@code command}, {@code env}, {@code port_env}, {@code stop_grace}) come from
 * {@link RuntimeConfig}, the container's own from {@link DockerConfig}. Read per revision, so the
 * config a rollout started with decides, not the one loaded first.
 */
final class DockerSettingsMapping {

  private DockerSettingsMapping() {}

  static DockerSettings of(RevisionSpec spec) {
    RuntimeConfig runtime = spec.config().runtime();
    DockerConfig docker = runtime.docker();
    if (docker == null) {
      throw new IllegalArgumentException(
          "runtime.type: "
              + runtime.type()
              + " for revision "
              + spec.revision()
              + " of "
              + spec.app()
              + " (expected: docker, with its docker settings)");
    }
    return new DockerSettings(
        docker.image(),
        docker.containerPort(),
        docker.hostPort(),
        runtime.command(),
        runtime.portEnv(),
        runtime.env(),
        docker.envFiles(),
        docker.volumes(),
        docker.network(),
        docker.labels(),
        docker.memoryBytes(),
        docker.cpus(),
        PullPolicy.valueOf(docker.pull().name()),
        docker.stopSignal(),
        runtime.stopGrace());
  }
}
