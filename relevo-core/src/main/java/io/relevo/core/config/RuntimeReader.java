package io.relevo.core.config;

import io.relevo.core.config.RuntimeConfig.RuntimeType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code runtime} section; the keys of {@code type: docker} are {@link DockerReader}'s.
 */
final class RuntimeReader {

  static final String COMMAND_EXAMPLE = "[\"java\", \"-jar\", \"app-{version}.jar\"]";
  private static final String ENV_NAME = "an environment variable name, like PORT";
  private static final List<String> KEYS = keys();

  private static final Map<String, RuntimeType> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put("process", RuntimeType.PROCESS);
    TYPES.put("docker", RuntimeType.DOCKER);
    TYPES.put("kubernetes", RuntimeType.KUBERNETES);
  }

  private RuntimeReader() {}

  private static List<String> keys() {
    List<String> keys =
        new ArrayList<>(List.of("type", "command", "port_env", "workdir", "env", "stop_grace"));
    keys.addAll(DockerReader.KEYS);
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
    if (type == RuntimeType.KUBERNETES) {
      typeValue.problem(
          "\"kubernetes\" is " + MapReader.NOT_SUPPORTED_YET + " (expected: process or docker)");
    }
    boolean docker = type == RuntimeType.DOCKER;
    // A type that is set but wrong is reported once; keys are then not judged against a guess.
    boolean typeKnown = type != null || !typeValue.isSet();

    // Under a runtime that is not a map, a missing command would only repeat that problem.
    List<String> command =
        value.node() instanceof YamlNode.Mapping ? command(runtime.get("command"), !docker) : null;
    String portEnv =
        runtime
            .get("port_env")
            .text(ENV_NAME, s -> Interpolation.VARIABLE_NAME.matcher(s).matches());
    Value workdirValue = runtime.get("workdir");
    String workdir = workdirValue.text("a directory, relative to the config file");
    if (docker && workdirValue.isSet()) {
      workdirValue.problem("set, but type is docker (expected: no workdir; the image sets it)");
    }
    Map<String, String> env =
        runtime
            .get("env")
            .stringMap(
                "environment variable names",
                s -> Interpolation.VARIABLE_NAME.matcher(s).matches());
    var stopGrace = runtime.get("stop_grace").duration(true);

    DockerConfig dockerConfig = null;
    if (docker) {
      dockerConfig = DockerReader.read(runtime);
      if (dockerConfig == null) {
        return null; // its problems are reported
      }
    } else if (typeKnown) {
      String typeName = type == null ? "process" : type.name().toLowerCase(Locale.ROOT);
      for (String key : runtime.presentKeys()) {
        if (DockerReader.KEYS.contains(key)) {
          runtime
              .get(key)
              .problem(
                  "set, but type is " + typeName + " (expected: type: docker, or no " + key + ")");
        }
      }
    }
    return new RuntimeConfig(
        type, command, portEnv, docker ? null : workdir, env, stopGrace, dockerConfig);
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
