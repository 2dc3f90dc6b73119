package io.relevo.core.config;

import io.relevo.core.config.RuntimeConfig.RuntimeType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code runtime} section; the keys of {@code type: docker} are {@link DockerReader}'s,
 * those of {@code type: kubernetes} {@link KubernetesReader}'s.
 */
final class RuntimeReader {

  static final String COMMAND_EXAMPLE = "[\"java\", \"-jar\", \"app-{version}.jar\"]";
  private static final String ENV_NAME = "an environment variable name, like PORT";
  private static final List<String> COMMON_KEYS =
      List.of("type", "command", "port_env", "workdir", "env", "stop_grace");
  private static final List<String> KEYS = keys();

  private static final Map<String, RuntimeType> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put("process", RuntimeType.PROCESS);
    TYPES.put("docker", RuntimeType.DOCKER);
    TYPES.put("kubernetes", RuntimeType.KUBERNETES);
  }

  private RuntimeReader() {}

  private static List<String> keys() {
    List<String> keys = new ArrayList<>(COMMON_KEYS);
    keys.addAll(DockerReader.KEYS);
    KubernetesReader.KEYS.stream().filter(k -> !keys.contains(k)).forEach(keys::add);
    return List.copyOf(keys);
  }

  static RuntimeConfig read(Value value) {
    if (!value.isSet()) {
      value.required(
          "a map with at least command, like runtime: {command: " + COMMAND_EXAMPLE + "}");
      return null;
    }
    MapReader runtime = MapReader.open(value, KEYS, List.of());

    Value typeValue = runtime.get("type");
    RuntimeType type = typeValue.oneOf(TYPES);
    boolean docker = type == RuntimeType.DOCKER;
    boolean kubernetes = type == RuntimeType.KUBERNETES;
    // A type that is set but wrong is reported once; keys are then not judged against a guess.
    boolean typeKnown = type != null || !typeValue.isSet();

    // Under a runtime that is not a map, a missing command would only repeat that problem.
    List<String> command =
        value.node() instanceof YamlNode.Mapping
            ? command(runtime.get("command"), !docker && !kubernetes)
            : null;
    String portEnv =
        runtime
            .get("port_env")
            .text(ENV_NAME, s -> Interpolation.VARIABLE_NAME.matcher(s).matches());
    Value workdirValue = runtime.get("workdir");
    String workdir = workdirValue.text("a directory, relative to the config file");
    if ((docker || kubernetes) && workdirValue.isSet()) {
      workdirValue.problem(
          "set, but type is "
              + (docker ? "docker" : "kubernetes")
              + " (expected: no workdir; the image sets it)");
    }
    Map<String, String> env =
        runtime
            .get("env")
            .stringMap(
                "environment variable names",
                s -> Interpolation.VARIABLE_NAME.matcher(s).matches());
    var stopGrace = runtime.get("stop_grace").duration(true);

    DockerConfig dockerConfig = null;
    KubernetesConfig kubernetesConfig = null;
    if (typeKnown) {
      String typeName = type == null ? "process" : type.name().toLowerCase(Locale.ROOT);
      List<String> own =
          docker ? DockerReader.KEYS : kubernetes ? KubernetesReader.KEYS : List.of();
      for (String key : runtime.presentKeys()) {
        if (!COMMON_KEYS.contains(key) && !own.contains(key)) {
          runtime
              .get(key)
              .problem(
                  "set, but type is "
                      + typeName
                      + " (expected: "
                      + typesOf(key)
                      + ", or no "
                      + key
                      + ")");
        }
      }
    }
    if (docker) {
      dockerConfig = DockerReader.read(runtime);
      if (dockerConfig == null) {
        return null; // its problems are reported
      }
    } else if (kubernetes) {
      kubernetesConfig = KubernetesReader.read(runtime);
      if (kubernetesConfig == null) {
        return null; // its problems are reported
      }
    }
    return new RuntimeConfig(
        type,
        command,
        portEnv,
        docker || kubernetes ? null : workdir,
        env,
        stopGrace,
        dockerConfig,
        kubernetesConfig);
  }

  /** Which types read {@code key}: {@code type: docker}, {@code type: docker or kubernetes}. */
  private static String typesOf(String key) {
    boolean byDocker = DockerReader.KEYS.contains(key);
    boolean byKubernetes = KubernetesReader.KEYS.contains(key);
    return "type: "
        + (byDocker && byKubernetes ? "docker or kubernetes" : byDocker ? "docker" : "kubernetes");
  }

  /** The command line; required when {@code required}, else (docker) empty keeps the image's. */
  private static List<String> command(Value value, boolean required) {
    String expected = "a list of strings, like " + COMMAND_EXAMPLE;
    if (!value.isSet()) {
      if (required) {
        value.required(expected);
      }
      return null;
    }
    if (value.node() instanceof YamlNode.Scalar) {
      // A single string would need shell-like splitting, and quoting rules are where such guesses
      // go wrong; ask for the list, which is also what execve takes.
      value.problem(value.node().describe() + " (expected: " + expected + ")");
      return null;
    }
    List<String> command = value.strings(expected);
    if (command != null && command.isEmpty()) {
      value.problem("an empty list (expected: " + expected + ")");
      return null;
    }
    return command;
  }
}
