package io.relevo.core.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code hooks} section. */
final class HooksReader {

  private static final String EXPECTED =
      "a command as a list, like [./scripts/notify.sh, deployed], or {command: [...], timeout: 30s}";

  private HooksReader() {}

  static HooksConfig read(Value value) {
    List<String> keys =
        Arrays.stream(HooksConfig.Point.values()).map(HooksConfig.Point::key).toList();
    MapReader hooks = MapReader.open(value, keys, List.of());
    Map<HooksConfig.Point, HookCommand> commands = new EnumMap<>(HooksConfig.Point.class);
    for (HooksConfig.Point point : HooksConfig.Point.values()) {
      HookCommand command = command(hooks.get(point.key()));
      if (command != null) {
        commands.put(point, command);
      }
    }
    return new HooksConfig(commands);
  }

  private static HookCommand command(Value value) {
    if (!value.isSet()) {
      return null;
    }
    List<String> command;
    Duration timeout = null;
    if (value.node() instanceof YamlNode.Mapping) {
      MapReader hook = MapReader.open(value, List.of("command", "timeout"), List.of());
      command = hook.get("command").required(EXPECTED).strings(EXPECTED);
      timeout = hook.get("timeout").duration(false);
    } else if (value.node() instanceof YamlNode.Scalar) {
      String program = value.text(EXPECTED);
      command = program == null ? null : List.of(program.trim());
    } else {
      command = value.strings(EXPECTED);
    }
    if (command == null) {
      return null;
    }
    if (command.isEmpty() || command.getFirst().isBlank()) {
      value.problem("[] (expected: " + EXPECTED + ")");
      return null;
    }
    return new HookCommand(command, timeout);
  }
}
