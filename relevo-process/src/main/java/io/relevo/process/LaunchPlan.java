package io.relevo.process;

import io.relevo.core.RelevoException;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.runtime.RevisionSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to launch for one revision: the command with {@code {version}} replaced, its working
 * directory and the environment added to the agent's own.
 *
 * @param command the command line, {@code {version}} already replaced in every argument
 * @param workdir where the process runs: {@code runtime.workdir} against the config's folder
 * @param env variables set on top of the agent's environment; relevo's own ({@code PORT} or the
 *     configured {@code port_env}, {@code RELEVO_APP}, {@code RELEVO_REVISION}, {@code
 *     RELEVO_VERSION}) win over the config's {@code env}
 */
record LaunchPlan(List<String> command, Path workdir, Map<String, String> env) {

  static final String VERSION_PLACEHOLDER = "{version}";

  LaunchPlan {
    command = List.copyOf(command);
    env = Map.copyOf(env);
  }

  /** Builds the plan of {@code spec} for a revision that listens on {@code port}. */
  static LaunchPlan of(RevisionSpec spec, int port) {
    RuntimeConfig runtime = spec.config().runtime();
    if (runtime.command().isEmpty()) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "runtime.command: empty (expected: the command line of a revision, like"
              + " [\"java\", \"-jar\", \"build/app-{version}.jar\"])");
    }
    String version = spec.version();
    List<String> command =
        runtime.command().stream().map(arg -> arg.replace(VERSION_PLACEHOLDER, version)).toList();

    Path base = spec.baseDir().toAbsolutePath().normalize();
    Path workdir = runtime.workdir() == null ? base : base.resolve(runtime.workdir()).normalize();

    Map<String, String> env = new LinkedHashMap<>();
    runtime
        .env()
        .forEach((name, value) -> env.put(name, value.replace(VERSION_PLACEHOLDER, version)));
    env.put(runtime.portEnv(), Integer.toString(port));
    env.put("RELEVO_APP", spec.app());
    env.put("RELEVO_REVISION", Integer.toString(spec.revision()));
    env.put("RELEVO_VERSION", version);
    return new LaunchPlan(command, workdir, env);
  }
}
