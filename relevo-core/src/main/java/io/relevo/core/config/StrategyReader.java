package io.relevo.core.config;

import java.util.List;

/**
 * Reads {@code strategy}: either a name ({@code strategy: bluegreen}) or a map with one strategy
 * and its settings ({@code strategy: {bluegreen: {}}}).
 */
final class StrategyReader {

  private static final List<String> SUPPORTED = List.of("bluegreen");
  private static final List<String> NOT_YET = List.of("canary", "recreate");

  private StrategyReader() {}

  static StrategyConfig read(Value value) {
    if (!value.isSet()) {
      return null;
    }
    if (value.node() instanceof YamlNode.Scalar) {
      String name = value.text("bluegreen");
      if (name == null || SUPPORTED.contains(name.trim())) {
        return name == null ? null : new StrategyConfig.BlueGreen();
      }
      if (NOT_YET.contains(name.trim())) {
        value.problem(
            value.show(name) + " is " + MapReader.NOT_SUPPORTED_YET + " (expected: bluegreen)");
      } else {
        value.problem(value.show(name) + " (expected: bluegreen)");
      }
      return null;
    }
    MapReader strategy = MapReader.open(value, SUPPORTED, NOT_YET);
    if (value.node() instanceof YamlNode.Mapping mapping && mapping.entries().size() > 1) {
      value.problem(
          mapping.entries().size() + " strategies (expected: exactly one, like bluegreen: {})");
      return null;
    }
    if (value.node() instanceof YamlNode.Mapping mapping && mapping.entries().isEmpty()) {
      value.problem("an empty map (expected: bluegreen, or bluegreen: {})");
      return null;
    }
    Value blueGreen = strategy.get("bluegreen");
    if (!blueGreen.isSet() && blueGreen.node() == null) {
      return null; // a not-yet-supported or unknown strategy, already reported
    }
    MapReader.open(blueGreen, List.of(), List.of()); // reports any setting: bluegreen has none yet
    return new StrategyConfig.BlueGreen();
  }
}
