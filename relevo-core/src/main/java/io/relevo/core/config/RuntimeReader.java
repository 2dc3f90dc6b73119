package io.relevo.core.config;

import io.relevo.core.config.RuntimeConfig.RuntimeType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code runtime} section. */
final class RuntimeReader {

  static final String COMMAND_EXAMPLE = "[\"java\", \"-jar\", \"app-{version}.jar\"]";
  private static final String ENV_NAME = "an environment variable name, like PORT";

  private static final Map<String, RuntimeType> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put("process", RuntimeType.PROCESS);
    TYPES.put("docker", RuntimeType.DOCKER);
    TYPES.put("kubernetes", RuntimeType.KUBERNETES);
  }

  private RuntimeReader() {}

  static RuntimeConfig read(Value value) {
    if (!value.isSet()) {
      value.required(
          "a map with at least command, like runtime: {command: " + COMMAND_EXAMPLE + "}");
      return null;
    }
    MapReader runtime =
        MapReader.open(
            value,
            List.of("type", "command", "port_env", "workdir", "env", "stop_grace"),
            List.of());

    Value typeValue = runtime.get("type");
    RuntimeType type = typeValue.oneOf(TYPES);
    if (type != null && type != RuntimeType.PROCESS) {
      typeValue.problem(
          "\""
              + type.name().toLowerCase(java.util.Locale.ROOT)
              + "\" is "
              + MapReader.NOT_SUPPORTED_YET
              + " (expected: process)");
    }

    // Under a runtime that is not a map, a missing command would only repeat that problem.
    List<String> command =
        value.node() instanceof YamlNode.Mapping ? command(runtime.get("command")) : null;
    String portEnv =
        runtime
            .get("port_env")
            .text(ENV_NAME, s -> Interpolation.VARIABLE_NAME.matcher(s).matches());
    String workdir = runtime.get("workdir").text("a directory, relative to the config file");
    Map<String, String> env =
        runtime
            .get("env")
            .stringMap(
                "environment variable names",
                s -> Interpolation.VARIABLE_NAME.matcher(s).matches());
    return new RuntimeConfig(
        type, command, portEnv, workdir, env, runtime.get("stop_grace").duration(true));
  }

  private static List<String> command(Value value) {
    String expected = "a list of strings, like " + COMMAND_EXAMPLE;
    if (!value.isSet()) {
      value.required(expected);
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
