package io.relevo.core.config;

import java.util.List;
import java.util.Map;

/**
 * The {@code runtime} keys that only {@code type: docker} reads: how each revision's container is
 * made. {@code command}, {@code env}, {@code port_env} and {@code stop_grace} stay {@link
 * RuntimeConfig}'s own and mean the same for both runtimes ({@code command} replaces the image's
 * {@code CMD}; {@code port_env} is set to {@code containerPort} inside the container).
 *
 * @param image the image reference; {@code {version}} is replaced by the version; required
 * @param containerPort the port the service listens on inside the container; required, 1..65535
 * @param hostPort the loopback port to publish on; 0 (the default) picks a free one per revision,
 *     which blue-green and canary need since two revisions run at once
 * @param envFiles files of {@code NAME=value} lines, relative to the config file; later files win,
 *     {@code env} wins over them all
 * @param volumes binds as {@code source:target[:options]}; a source starting with {@code .} or
 *     holding a {@code /} is a host path (relative to the config file), any other a named volume
 * @param network the Docker network to attach to; null keeps Docker's default bridge
 * @param labels extra container labels; values may contain {@code {version}}; {@code io.relevo.*}
 *     are relevo's own
 * @param memoryBytes the memory limit in bytes; 0 (the default) means no limit
 * @param cpus the CPU limit, like 1.5; 0 (the default) means no limit
 * @param pull when to pull the image; default {@link Pull#MISSING}
 * @param stopSignal the signal that asks the container to stop; default {@code SIGTERM}
 */
public record DockerConfig(
    String image,
    int containerPort,
    int hostPort,
    List<String> envFiles,
    List<String> volumes,
    String network,
    Map<String, String> labels,
    long memoryBytes,
    double cpus,
    Pull pull,
    String stopSignal) {

  public DockerConfig {
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException(
          "runtime.image: " + image + " (expected: an image reference like shop:{version})");
    }
    if (containerPort < 1 || containerPort > 65535) {
      throw new IllegalArgumentException(
          "runtime.container_port: " + containerPort + " (expected: 1..65535)");
    }
    if (hostPort < 0 || hostPort > 65535) {
      throw new IllegalArgumentException(
          "runtime.host_port: " + hostPort + " (expected: 0 for a free port, or 1..65535)");
    }
    if (memoryBytes < 0) {
      throw new IllegalArgumentException(
          "runtime.memory: " + memoryBytes + " bytes (expected: >= 0, 0 for no limit)");
    }
    if (!(cpus >= 0) || Double.isInfinite(cpus)) {
      throw new IllegalArgumentException(
          "runtime.cpus: " + cpus + " (expected: >= 0, 0 for no limit)");
    }
    envFiles = envFiles == null ? List.of() : List.copyOf(envFiles);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    network = network == null || network.isBlank() ? null : network;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    pull = pull == null ? Pull.MISSING : pull;
    stopSignal = stopSignal == null || stopSignal.isBlank() ? "SIGTERM" : stopSignal;
  }

  /** Settings with every default: a free host port, no limits, pull when missing, SIGTERM. */
  public static DockerConfig of(String image, int containerPort) {
    return new DockerConfig(image, containerPort, 0, null, null, null, null, 0, 0, null, null);
  }

  /** When the image is pulled before a revision's container is created. */
  public enum Pull {
    /** Before every start, so a moved tag is followed. */
    ALWAYS,
    /** Only when the engine does not have the image. */
    MISSING,
    /** Never: the image must be built or loaded on the engine beforehand. */
    NEVER
  }
}
