package io.relevo.core.config;

import io.relevo.core.config.ProbeConfig.DegradedPolicy;
import io.relevo.core.config.ProbeConfig.ProbeType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code health} section and its two probes. */
final class HealthReader {

  private static final List<String> PROBE_KEYS =
      List.of(
          "type",
          "path",
          "expect_status",
          "degraded",
          "command",
          "interval",
          "timeout",
          "retries",
          "start_period");

  private static final Map<String, ProbeType> TYPES = new LinkedHashMap<>();
  private static final Map<String, DegradedPolicy> DEGRADED = new LinkedHashMap<>();

  static {
    TYPES.put("http", ProbeType.HTTP);
    TYPES.put("tcp", ProbeType.TCP);
    TYPES.put("command", ProbeType.COMMAND);
    DEGRADED.put("pass", DegradedPolicy.PASS);
    DEGRADED.put("fail", DegradedPolicy.FAIL);
  }

  private HealthReader() {}

  static HealthConfig read(Value value) {
    MapReader health =
        MapReader.open(
            value, List.of("readiness", "liveness", "ready_timeout", "max_unhealthy"), List.of());
    Value liveness = health.get("liveness");
    return new HealthConfig(
        probe(health.get("readiness")),
        liveness.isSet() ? probe(liveness) : null,
        health.get("ready_timeout").duration(false),
        health.get("max_unhealthy").duration(false));
  }

  private static ProbeConfig probe(Value value) {
    MapReader probe = MapReader.open(value, PROBE_KEYS, List.of());
    Value typeValue = probe.get("type");
    ProbeType type = typeValue.oneOf(TYPES);
    String path =
        probe.get("path").text("a path starting with /, like /healthz", HealthReader::isPath);
    Integer status = probe.get("expect_status").integer(100, 599);
    DegradedPolicy degraded = probe.get("degraded").oneOf(DEGRADED);

    Value commandValue = probe.get("command");
    List<String> command = null;
    if (type == ProbeType.COMMAND) {
      commandValue.required(
          "the check's command line, like [\"pg_isready\"], when type is command");
      command = commandValue.strings("a list of strings, like [\"pg_isready\"]");
      if (command != null && command.isEmpty()) {
        commandValue.problem("an empty list (expected: a list of strings, like [\"pg_isready\"])");
      }
    } else if (commandValue.isSet() && (type != null || !typeValue.isSet())) {
      String typeName = type == null ? "http" : type.name().toLowerCase(java.util.Locale.ROOT);
      commandValue.problem(
          "set, but type is " + typeName + " (expected: type: command, or no command)");
    }

    return new ProbeConfig(
        type,
        path,
        status == null ? 0 : status,
        degraded,
        command,
        probe.get("interval").duration(false),
        probe.get("timeout").duration(false),
        orZero(probe.get("retries").integer(1, Integer.MAX_VALUE)),
        probe.get("start_period").duration(true));
  }

  static boolean isPath(String text) {
    return text.startsWith("/");
  }

  private static int orZero(Integer number) {
    return number == null ? 0 : number; // 0 is the records' "use the default"
  }
}
