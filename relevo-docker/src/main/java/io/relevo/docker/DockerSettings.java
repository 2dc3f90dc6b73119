package io.relevo.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the Docker runtime runs the containers of one app. Every {@code {version}} in {@code image},
 * {@code command}, {@code env} values and {@code labels} values is replaced by the revision's
 * version.
 *
 * @param image the image reference, like {@code registry.example.com/shop:{version}}; required
 * @param containerPort the port the service listens on inside the container; published on a free
 *     loopback port of the host (or {@code hostPort})
 * @param hostPort a fixed host port to publish on, or 0 (the default) to pick a free one per
 *     revision; a fixed port only suits the {@code recreate} strategy, where two revisions never
 *     run at once
 * @param command the command that replaces the image's {@code CMD}; empty keeps the image's
 * @param portEnv the env var that tells the service {@code containerPort}, default {@code PORT};
 *     null or blank sets none
 * @param env extra environment; wins over {@code envFiles}; relevo's own {@code RELEVO_APP}, {@code
 *     RELEVO_REVISION}, {@code RELEVO_VERSION} and {@code portEnv} win over both
 * @param envFiles files of {@code NAME=value} lines, read at each start, relative to the config's
 *     folder; later files win
 * @param volumes binds in Docker's {@code source:target[:options]} form; a source with a {@code /}
 *     or starting with {@code .} is a host path (relative to the config's folder), any other a
 *     named volume
 * @param network the network to attach the container to; null keeps Docker's default bridge
 * @param labels extra labels; relevo's own {@code io.relevo.*} labels win over them
 * @param memoryBytes the memory limit in bytes; 0 (the default) means no limit
 * @param cpus the CPU limit in CPUs, like 0.5; 0 (the default) means no limit
 * @param pull when to pull the image, default {@link PullPolicy#MISSING}
 * @param stopSignal the signal that asks the service to stop, default {@code SIGTERM}
 * @param stopGrace the time between the stop signal and SIGKILL, default 10 s
 */
public record DockerSettings(
    String image,
    int containerPort,
    int hostPort,
    List<String> command,
    String portEnv,
    Map<String, String> env,
    List<String> envFiles,
    List<String> volumes,
    String network,
    Map<String, String> labels,
    long memoryBytes,
    double cpus,
    PullPolicy pull,
    String stopSignal,
    Duration stopGrace) {

  public DockerSettings {
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
    if (cpus < 0 || Double.isNaN(cpus)) {
      throw new IllegalArgumentException(
          "runtime.cpus: " + cpus + " (expected: >= 0, 0 for no limit)");
    }
    if (stopGrace != null && stopGrace.isNegative()) {
      throw new IllegalArgumentException("runtime.stop_grace: " + stopGrace + " (expected: >= 0)");
    }
    command = command == null ? List.of() : List.copyOf(command);
    portEnv = portEnv == null || portEnv.isBlank() ? null : portEnv;
    env = env == null ? Map.of() : Map.copyOf(env);
    envFiles = envFiles == null ? List.of() : List.copyOf(envFiles);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    network = network == null || network.isBlank() ? null : network;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    pull = pull == null ? PullPolicy.MISSING : pull;
    stopSignal = stopSignal == null || stopSignal.isBlank() ? "SIGTERM" : stopSignal;
    stopGrace = stopGrace == null ? Duration.ofSeconds(10) : stopGrace;
  }

  /** Settings with every default: {@code PORT} set to the container port, pull when missing. */
  public static DockerSettings of(String image, int containerPort) {
    return new DockerSettings(
        image,
        containerPort,
        0,
        null,
        "PORT",
        null,
        null,
        null,
        null,
        null,
        0,
        0,
        null,
        null,
        null);
  }

  public DockerSettings withCommand(List<String> command) {
    Copy copy = new Copy(this);
    copy.command = command;
    return copy.build();
  }

  public DockerSettings withHostPort(int hostPort) {
    Copy copy = new Copy(this);
    copy.hostPort = hostPort;
    return copy.build();
  }

  public DockerSettings withEnv(Map<String, String> env) {
    Copy copy = new Copy(this);
    copy.env = env;
    return copy.build();
  }

  public DockerSettings withEnvFiles(List<String> envFiles) {
    Copy copy = new Copy(this);
    copy.envFiles = envFiles;
    return copy.build();
  }

  public DockerSettings withLabels(Map<String, String> labels) {
    Copy copy = new Copy(this);
    copy.labels = labels;
    return copy.build();
  }

  public DockerSettings withLimits(long memoryBytes, double cpus) {
    Copy copy = new Copy(this);
    copy.memoryBytes = memoryBytes;
    copy.cpus = cpus;
    return copy.build();
  }

  public DockerSettings withPull(PullPolicy pull) {
    Copy copy = new Copy(this);
    copy.pull = pull;
    return copy.build();
  }

  public DockerSettings withStop(String stopSignal, Duration stopGrace) {
    Copy copy = new Copy(this);
    copy.stopSignal = stopSignal;
    copy.stopGrace = stopGrace;
    return copy.build();
  }

  /** The components of a settings record, to change a few and validate the whole again. */
  private static final class Copy {
    private final String image;
    private final int containerPort;
    private int hostPort;
    private List<String> command;
    private final String portEnv;
    private Map<String, String> env;
    private List<String> envFiles;
    private final List<String> volumes;
    private final String network;
    private Map<String, String> labels;
    private long memoryBytes;
    private double cpus;
    private PullPolicy pull;
    private String stopSignal;
    private Duration stopGrace;

    Copy(DockerSettings s) {
      image = s.image;
      containerPort = s.containerPort;
      hostPort = s.hostPort;
      command = s.command;
      portEnv = s.portEnv;
      env = s.env;
      envFiles = s.envFiles;
      volumes = s.volumes;
      network = s.network;
      labels = s.labels;
      memoryBytes = s.memoryBytes;
      cpus = s.cpus;
      pull = s.pull;
      stopSignal = s.stopSignal;
      stopGrace = s.stopGrace;
    }

    DockerSettings build() {
      return new DockerSettings(
          image,
          containerPort,
          hostPort,
          command,
          portEnv,
          env,
          envFiles,
          volumes,
          network,
          labels,
          memoryBytes,
          cpus,
          pull,
          stopSignal,
          stopGrace);
    }
  }
}
