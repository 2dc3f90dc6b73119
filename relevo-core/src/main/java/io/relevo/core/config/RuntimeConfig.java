package io.relevo.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How revisions run.
 *
 * @param type {@code process} (the default), {@code docker} or {@code kubernetes}
 * @param command the command line of a revision; {@code {version}} is replaced by the version. For
 *     {@code docker} it replaces the image's {@code CMD}, and empty keeps the image's
 * @param portEnv the env var that carries the port relevo picked for a revision, default {@code
 *     PORT}; for {@code docker} it carries the container port
 * @param workdir the working directory of the process, relative to the config file; null = its
 *     folder
 * @param env extra environment for the revision; values may contain {@code {version}}
 * @param stopGrace time between the stop signal and SIGKILL, default 10 s
 * @param docker the container settings; set exactly when {@code type} is {@code docker}
 * @param kubernetes the cluster settings; set exactly when {@code type} is {@code kubernetes}
 */
public record RuntimeConfig(
    RuntimeType type,
    List<String> command,
    String portEnv,
    String workdir,
    Map<String, String> env,
    Duration stopGrace,
    DockerConfig docker,
    KubernetesConfig kubernetes) {

  /** A process or Docker runtime. */
  public RuntimeConfig(
      RuntimeType type,
      List<String> command,
      String portEnv,
      String workdir,
      Map<String, String> env,
      Duration stopGrace,
      DockerConfig docker) {
    this(type, command, portEnv, workdir, env, stopGrace, docker, null);
  }

  public RuntimeConfig {
    type = type == null ? RuntimeType.PROCESS : type;
    command = command == null ? List.of() : List.copyOf(command);
    portEnv = portEnv == null ? "PORT" : portEnv;
    env = env == null ? Map.of() : Map.copyOf(env);
    stopGrace = stopGrace == null ? Duration.ofSeconds(10) : stopGrace;
    if ((type == RuntimeType.DOCKER) != (docker != null)) {
      throw new IllegalArgumentException(
          "docker: "
              + docker
              + " (expected: docker settings exactly when type is DOCKER, type is "
              + type
              + ")");
    }
    if ((type == RuntimeType.KUBERNETES) != (kubernetes != null)) {
      throw new IllegalArgumentException(
          "kubernetes: "
              + kubernetes
              + " (expected: kubernetes settings exactly when type is KUBERNETES, type is "
              + type
              + ")");
    }
  }

  /** Where revisions run. */
  public enum RuntimeType {
    PROCESS,
    DOCKER,
    KUBERNETES
  }
}
