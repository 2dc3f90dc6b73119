package io.relevo.core.config;

import io.relevo.core.config.DockerConfig.Pull;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the {@code runtime} keys of {@code type: docker} into a {@link DockerConfig}. */
final class DockerReader {

  /** The keys only {@code type: docker} reads, in the order the docs list them. */
  static final List<String> KEYS =
      List.of(
          "image",
          "container_port",
          "host_port",
          "env_files",
          "volumes",
          "network",
          "labels",
          "memory",
          "cpus",
          "pull",
          "stop_signal");

  /** Docker refuses smaller memory limits ("Minimum memory limit allowed is 6MB"). */
  static final long MIN_MEMORY = 6L << 20;

  private static final Pattern IMAGE = Pattern.compile("[^\\s]+");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
  private static final Pattern SIGNAL =
      Pattern.compile("(SIG)?[A-Z][A-Z0-9]*([+-][0-9]{1,2})?|[0-9]{1,2}");
  private static final Pattern VOLUME = Pattern.compile("[^:\\s]+:[^:\\s]+(:[a-z,]+)?");
  private static final String VOLUME_EXAMPLE =
      "source:target[:options], like ./data:/data or cache:/cache:ro";
  private static final Map<String, Pull> PULL = new LinkedHashMap<>();

  static {
    PULL.put("always", Pull.ALWAYS);
    PULL.put("missing", Pull.MISSING);
    PULL.put("never", Pull.NEVER);
  }

  private DockerReader() {}

  /** Returns the settings, or null after reporting that a required one is missing or wrong. */
  static DockerConfig read(MapReader runtime) {
    String image =
        runtime
            .get("image")
            .required("an image reference like shop:{version}, when type is docker")
            .text(
                "an image reference like shop:{version}", s -> IMAGE.matcher(s.strip()).matches());
    Integer containerPort =
        runtime
            .get("container_port")
            .required("the port the service listens on inside the container, like 8000")
            .integer(1, 65535);
    Integer hostPort = runtime.get("host_port").integer(0, 65535);
    List<String> envFiles =
        runtime.get("env_files").strings("a list of files, like [.env.production]");
    List<String> volumes = volumes(runtime.get("volumes"));
    String network = runtime.get("network").text("a Docker network name, like shop-backend");
    Map<String, String> labels =
        runtime
            .get("labels")
            .stringMap(
                "label names like team or com.example.team (io.relevo.* are relevo's own)",
                name -> LABEL.matcher(name).matches() && !name.startsWith("io.relevo."));
    Long memory = memory(runtime.get("memory"));
    Double cpus = cpus(runtime.get("cpus"));
    Pull pull = runtime.get("pull").oneOf(PULL);
    String stopSignal =
        runtime
            .get("stop_signal")
            .text(
                "a signal name like SIGTERM, SIGINT or SIGQUIT", s -> SIGNAL.matcher(s).matches());
    if (image == null || containerPort == null) {
      return null;
    }
    return new DockerConfig(
        image.strip(),
        containerPort,
        hostPort == null ? 0 : hostPort,
        envFiles,
        volumes,
        network,
        labels,
        memory == null ? 0 : memory,
        cpus == null ? 0 : cpus,
        pull,
        stopSignal);
  }

  private static List<String> volumes(Value value) {
    List<String> volumes = new ArrayList<>();
    for (Value item : value.items("a list of binds, each " + VOLUME_EXAMPLE)) {
      String text = item.required("a bind, " + VOLUME_EXAMPLE).text("a bind, " + VOLUME_EXAMPLE);
      if (text != null && !VOLUME.matcher(text.strip()).matches()) {
        item.problem(item.show(text) + " (expected: " + VOLUME_EXAMPLE + ")");
      } else if (text != null) {
        volumes.add(text.strip());
      }
    }
    return volumes;
  }

  private static Long memory(Value value) {
    String text = value.text("a size like 512m, 1g or 1.5g");
    if (text == null) {
      return null;
    }
    long bytes;
    try {
      bytes = ByteSizes.parse(text);
    } catch (IllegalArgumentException e) {
      value.problem(e.getMessage());
      return null;
    }
    if (bytes < MIN_MEMORY) {
      value.problem(
          value.show(text) + " (expected: at least 6m, the smallest limit Docker allows)");
      return null;
    }
    return bytes;
  }

  private static Double cpus(Value value) {
    String expected = "a number of CPUs from 0.01, like 0.5 or 2";
    String text = value.text(expected);
    if (text == null) {
      return null;
    }
    try {
      BigDecimal cpus = new BigDecimal(text.strip());
      // The engine refuses less than 0.01 CPUs; its upper bound is the host's count, known there.
      if (cpus.compareTo(new BigDecimal("0.01")) >= 0
          && cpus.compareTo(BigDecimal.valueOf(1024)) <= 0) {
        return cpus.doubleValue();
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    value.problem(value.show(text) + " (expected: " + expected + ")");
    return null;
  }
}
