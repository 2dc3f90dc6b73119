package io.relevo.core.config;

import io.relevo.core.config.StrategyConfig.CanaryStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code strategy}: either a name ({@code strategy: bluegreen}, {@code strategy: canary}) or
 * a map with one strategy and its settings ({@code strategy: {canary: {steps: [...]}}}).
 */
final class StrategyReader {

  private static final List<String> SUPPORTED = List.of("bluegreen", "canary");
  private static final List<String> NOT_YET = List.of("recreate");
  private static final List<String> STEP_KINDS = List.of("weight", "pause", "analysis");
  private static final java.util.Map<String, Boolean> BOOLEANS = new java.util.LinkedHashMap<>();

  static {
    BOOLEANS.put("true", true);
    BOOLEANS.put("false", false);
  }

  private static final String STEP_EXAMPLE =
      "{weight: 10}, {pause: 30s}, {pause: {}} or {analysis: default}";

  private StrategyReader() {}

  /** Reads the strategy; canary steps may only name analyses in {@code analyses}. */
  static StrategyConfig read(Value value, Set<String> analyses) {
    if (!value.isSet()) {
      return null;
    }
    if (value.node() instanceof YamlNode.Scalar) {
      String name = value.text("bluegreen or canary");
      if (name == null) {
        return null;
      }
      switch (name.trim()) {
        case "bluegreen" -> {
          return new StrategyConfig.BlueGreen();
        }
        case "canary" -> {
          return StrategyConfig.Canary.defaults();
        }
        default -> {
          value.problem(
              value.show(name)
                  + (NOT_YET.contains(name.trim())
                      ? " is " + MapReader.NOT_SUPPORTED_YET + " (expected: bluegreen or canary)"
                      : " (expected: bluegreen or canary)"));
          return null;
        }
      }
    }
    MapReader strategy = MapReader.open(value, SUPPORTED, NOT_YET);
    if (value.node() instanceof YamlNode.Mapping mapping && mapping.entries().size() > 1) {
      value.problem(
          mapping.entries().size()
              + " strategies (expected: exactly one, like bluegreen: {} or canary: {steps: [...]})");
      return null;
    }
    if (value.node() instanceof YamlNode.Mapping mapping && mapping.entries().isEmpty()) {
      value.problem("an empty map (expected: bluegreen: {} or canary: {steps: [...]})");
      return null;
    }
    Value blueGreen = strategy.get("bluegreen");
    if (blueGreen.node() != null) {
      MapReader.open(
          blueGreen, List.of(), List.of()); // reports any setting: bluegreen has none yet
      return new StrategyConfig.BlueGreen();
    }
    Value canary = strategy.get("canary");
    if (canary.node() != null) {
      return canary(canary, analyses);
    }
    return null; // a not-yet-supported or unknown strategy, already reported
  }

  private static StrategyConfig canary(Value value, Set<String> analyses) {
    MapReader canary = MapReader.open(value, List.of("steps", "analysis", "sticky"), List.of());
    Value background = canary.get("analysis");
    String backgroundName = background.isSet() ? analysisName(background, analyses) : null;
    boolean sticky = Boolean.TRUE.equals(canary.get("sticky").oneOf(BOOLEANS));
    Value stepsValue = canary.get("steps");
    if (!stepsValue.isSet()) {
      return new StrategyConfig.Canary(
          StrategyConfig.Canary.defaults().steps(), backgroundName, sticky);
    }
    List<CanaryStep> steps = new ArrayList<>();
    List<Value> items = stepsValue.items("a list of steps, like " + STEP_EXAMPLE);
    if (items.isEmpty() && stepsValue.node() instanceof YamlNode.Sequence) {
      stepsValue.problem("an empty list (expected: at least one step, like " + STEP_EXAMPLE + ")");
    }
    for (Value item : items) {
      CanaryStep step = step(item, analyses);
      if (step != null) {
        steps.add(step);
      }
    }
    return steps.isEmpty() ? null : new StrategyConfig.Canary(steps, backgroundName, sticky);
  }

  private static CanaryStep step(Value item, Set<String> analyses) {
    if (!(item.node() instanceof YamlNode.Mapping mapping) || mapping.entries().size() != 1) {
      item.problem(item.node().describe() + " (expected: one of " + STEP_EXAMPLE + ")");
      return null;
    }
    MapReader step = MapReader.open(item, STEP_KINDS, List.of());
    Value weight = step.get("weight");
    if (weight.node() != null) {
      Integer percent = weight.integer(0, 100);
      return percent == null ? null : new CanaryStep.SetWeight(percent);
    }
    Value pause = step.get("pause");
    if (pause.node() != null) {
      if (pause.node() instanceof YamlNode.Mapping untilPromoted) {
        if (!untilPromoted.entries().isEmpty()) {
          pause.problem(
              "a map with settings (expected: a duration like 30s, or {} to wait for"
                  + " relevo promote)");
          return null;
        }
        return new CanaryStep.Pause(null);
      }
      var duration = pause.duration(false);
      return duration == null ? null : new CanaryStep.Pause(duration);
    }
    Value analysis = step.get("analysis");
    if (analysis.node() != null) {
      String name = analysisName(analysis, analyses);
      return name == null ? null : new CanaryStep.RunAnalysis(name);
    }
    return null; // an unknown step kind, already reported with a did-you-mean
  }

  private static String analysisName(Value value, Set<String> analyses) {
    String name = value.text("the name of an analysis, like default");
    if (name == null) {
      return null;
    }
    if (!analyses.contains(name.trim())) {
      value.problem(
          value.show(name)
              + " is not an analysis (expected one of: "
              + String.join(", ", analyses)
              + "; define it under analysis:)");
      return null;
    }
    return name.trim();
  }
}
