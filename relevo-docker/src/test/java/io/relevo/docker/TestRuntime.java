package io.relevo.docker;

import io.relevo.core.config.DockerConfig;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.config.RuntimeConfig.RuntimeType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A {@code runtime: {type: docker}} section for tests, changed one key at a time. */
record TestRuntime(
    List<String> command, Map<String, String> env, Duration stopGrace, DockerConfig docker) {

  static TestRuntime of(String image, int containerPort) {
    return new TestRuntime(List.of(), Map.of(), null, DockerConfig.of(image, containerPort));
  }

  RuntimeConfig config() {
    return new RuntimeConfig(RuntimeType.DOCKER, command, "PORT", null, env, stopGrace, docker);
  }

  TestRuntime withCommand(List<String> command) {
    return new TestRuntime(command, env, stopGrace, docker);
  }

  TestRuntime withEnv(Map<String, String> env) {
    return new TestRuntime(command, env, stopGrace, docker);
  }

  TestRuntime withStop(String stopSignal, Duration stopGrace) {
    return new TestRuntime(command, env, stopGrace, docker(d -> d.stopSignal = stopSignal));
  }

  TestRuntime withHostPort(int hostPort) {
    return new TestRuntime(command, env, stopGrace, docker(d -> d.hostPort = hostPort));
  }

  TestRuntime withEnvFiles(List<String> envFiles) {
    return new TestRuntime(command, env, stopGrace, docker(d -> d.envFiles = envFiles));
  }

  TestRuntime withLabels(Map<String, String> labels) {
    return new TestRuntime(command, env, stopGrace, docker(d -> d.labels = labels));
  }

  TestRuntime withPull(DockerConfig.Pull pull) {
    return new TestRuntime(command, env, stopGrace, docker(d -> d.pull = pull));
  }

  private DockerConfig docker(java.util.function.Consumer<Keys> change) {
    Keys keys = new Keys(docker);
    change.accept(keys);
    return new DockerConfig(
        docker.image(),
        docker.containerPort(),
        keys.hostPort,
        keys.envFiles,
        docker.volumes(),
        docker.network(),
        keys.labels,
        docker.memoryBytes(),
        docker.cpus(),
        keys.pull,
        keys.stopSignal);
  }

  /** The keys tests change. */
  private static final class Keys {
    int hostPort;
    List<String> envFiles;
    Map<String, String> labels;
    DockerConfig.Pull pull;
    String stopSignal;

    Keys(DockerConfig d) {
      hostPort = d.hostPort();
      envFiles = d.envFiles();
      labels = d.labels();
      pull = d.pull();
      stopSignal = d.stopSignal();
    }
  }
}
