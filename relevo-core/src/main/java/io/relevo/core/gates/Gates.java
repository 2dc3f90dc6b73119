package io.relevo.core.gates;

import io.relevo.core.config.GatesConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gates a config asks for, built in by code in a fixed order: secrets, then the window. Other
 * gates (a database backup's age) join the list through {@link #run(List, GateInput)}.
 */
public final class Gates {

  private static final Logger LOG = Logger.getLogger(Gates.class.getName());

  private Gates() {}

  /** The gates {@code config} names; none when it names none. */
  public static List<Gate> of(GatesConfig config) {
    List<Gate> gates = new ArrayList<>();
    if (!config.secrets().isEmpty()) {
      gates.add(new SecretsGate(config.secrets()));
    }
    if (config.window() != null) {
      gates.add(new WindowGate(config.window()));
    }
    return gates;
  }

  /**
   * Runs every gate (all of them, so that one report lists every problem) and lets a failed
   * overridable gate through when the input names it in {@code overrides}. A gate that throws is a
   * failed result naming the bug.
   */
  public static GateReport run(List<Gate> gates, GateInput input) {
    List<GateResult> results = new ArrayList<>();
    for (Gate gate : gates) {
      GateResult result;
      try {
        result = gate.check(input);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "gate " + gate.name() + " failed unexpectedly", e);
        result =
            GateResult.failed(
                gate.name(),
                "could not be judged: " + e + " (this is a bug)",
                List.of(),
                input.now());
      }
      if (!result.letsThrough() && gate.overridable() && input.overrides().contains(gate.name())) {
        result = result.overriddenBy(input.actor(), input.reason());
      }
      results.add(result);
    }
    return new GateReport(results);
  }
}
