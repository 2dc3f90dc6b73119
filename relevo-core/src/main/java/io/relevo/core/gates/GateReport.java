package io.relevo.core.gates;

import java.util.List;
import java.util.stream.Collectors;

/** Every gate's result for one deploy, in the order the gates ran. */
public record GateReport(List<GateResult> results) {

  public GateReport {
    results = results == null ? List.of() : List.copyOf(results);
  }

  /** True when every gate passed or was overridden; no gates at all pass. */
  public boolean passed() {
    return results.stream().allMatch(GateResult::letsThrough);
  }

  /** The failed results' lines joined for a refusal, each with its problems. */
  public String refusal() {
    return results.stream()
        .filter(r -> !r.letsThrough())
        .map(
            r ->
                r.line() + r.problems().stream().map(p -> "\n  " + p).collect(Collectors.joining()))
        .collect(Collectors.joining("\n"));
  }
}
