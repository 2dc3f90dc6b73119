package io.relevo.docker;

import io.relevo.core.config.DockerConfig;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.runtime.RevisionSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to create for one revision: its container's name, image, labels, environment and binds, with
 * {@code {version}} replaced and relative paths resolved against the config's folder.
 *
 * @param name {@code relevo-APP-rN}, so {@code docker ps} tells app and revision at a glance
 * @param image the image reference with the version in it
 * @param command the command replacing the image's {@code CMD}; empty keeps the image's
 * @param env the container's environment, in order of precedence already applied
 * @param labels the container's labels, relevo's own {@code io.relevo.*} among them
 * @param binds the volume binds, host paths made absolute
 */
record ContainerPlan(
    String name,
    String image,
    List<String> command,
    Map<String, String> env,
    Map<String, String> labels,
    List<String> binds) {

  static final String VERSION_PLACEHOLDER = "{version}";
  static final String APP_LABEL = "io.relevo.app";
  static final String REVISION_LABEL = "io.relevo.revision";
  static final String VERSION_LABEL = "io.relevo.version";

  ContainerPlan {
    command = List.copyOf(command);
    env = Map.copyOf(env);
    labels = Map.copyOf(labels);
    binds = List.copyOf(binds);
  }

  static String containerName(String app, int revision) {
    // Docker allows [a-zA-Z0-9][a-zA-Z0-9_.-]* in names; app names are already that shape.
    return "relevo-" + app.replaceAll("[^a-zA-Z0-9_.-]", "-") + "-r" + revision;
  }

  static ContainerPlan of(RevisionSpec spec, RuntimeConfig runtime) {
    DockerConfig settings = DockerSection.of(runtime);
    String version = spec.version();
    Path base = spec.baseDir().toAbsolutePath().normalize();

    Map<String, String> env = new LinkedHashMap<>();
    for (String file : settings.envFiles()) {
      env.putAll(EnvFile.read(base.resolve(file)));
    }
    runtime.env().forEach((name, value) -> env.put(name, withVersion(value, version)));
    env.put(runtime.portEnv(), Integer.toString(settings.containerPort()));
    env.put("RELEVO_APP", spec.app());
    env.put("RELEVO_REVISION", Integer.toString(spec.revision()));
    env.put("RELEVO_VERSION", version);

    Map<String, String> labels = new LinkedHashMap<>();
    settings.labels().forEach((name, value) -> labels.put(name, withVersion(value, version)));
    labels.put(APP_LABEL, spec.app());
    labels.put(REVISION_LABEL, Integer.toString(spec.revision()));
    labels.put(VERSION_LABEL, version);

    List<String> binds = new ArrayList<>();
    for (String volume : settings.volumes()) {
      binds.add(resolveBind(volume, base));
    }
    return new ContainerPlan(
        containerName(spec.app(), spec.revision()),
        withVersion(settings.image(), version),
        runtime.command().stream().map(arg -> withVersion(arg, version)).toList(),
        env,
        labels,
        binds);
  }

  /** {@code ./data:/data:ro} becomes {@code /abs/config/dir/data:/data:ro}; named volumes stay. */
  static String resolveBind(String volume, Path base) {
    int colon = volume.indexOf(':');
    if (colon <= 0 || colon == volume.length() - 1) {
      throw new IllegalArgumentException(
          "runtime.volumes: " + volume + " (expected: source:target[:options], like ./data:/data)");
    }
    String source = volume.substring(0, colon);
    String rest = volume.substring(colon);
    boolean hostPath = source.startsWith(".") || source.contains("/");
    if (!hostPath) {
      return volume;
    }
    return base.resolve(source).normalize() + rest;
  }

  List<String> envList() {
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  private static String withVersion(String value, String version) {
    return value.replace(VERSION_PLACEHOLDER, version);
  }
}
