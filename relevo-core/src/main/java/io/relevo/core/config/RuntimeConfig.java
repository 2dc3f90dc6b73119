package io.relevo.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How revisions run.
 *
 * @param type {@code process} (the default), later {@code docker} and {@code kubernetes}
 * @param command the command line of a revision; {@code {version}} is replaced by the version
 * @param portEnv the env var that carries the port relevo picked for a revision, default {@code PORT}
 * @param workdir the working directory of the process, relative to the config file; null = its folder
 * @param env extra environment for the revision; values may contain {@code {version}}
 * @param stopGrace time between SIGTERM and SIGKILL, default 10 s
 */
public record RuntimeConfig(
    RuntimeType type,
    List<String> command,
    String portEnv,
    String workdir,
    Map<String, String> env,
    Duration stopGrace) {

  public RuntimeConfig {
    type = type == null ? RuntimeType.PROCESS : type;
    command = command == null ? List.of() : List.copyOf(command);
    portEnv = portEnv == null ? "PORT" : portEnv;
    env = env == null ? Map.of() : Map.copyOf(env);
    stopGrace = stopGrace == null ? Duration.ofSeconds(10) : stopGrace;
  }

  /** Where revisions run. */
  public enum RuntimeType {
    PROCESS,
    DOCKER,
    KUBERNETES
  }
}
