package io.relevo.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One measurement of an {@link AnalysisRun}: every metric's evidence and the overall verdict (FAIL
 * when any metric failed, else ERROR when any could not be taken, else INCONCLUSIVE when any had
 * too few requests, else PASS).
 *
 * @param number 1-based, in the run
 * @param at when it was taken
 * @param window the time its values cover (since the last decided measurement)
 * @param verdict the overall verdict
 * @param metrics per-metric evidence, in the template's order
 */
public record Measurement(
    int number, Instant at, Duration window, Verdict verdict, List<MetricEvidence> metrics) {

  public Measurement {
    metrics = List.copyOf(metrics);
  }

  static Verdict overall(List<MetricEvidence> metrics) {
    List<Verdict> verdicts = metrics.stream().map(MetricEvidence::verdict).toList();
    for (Verdict v : List.of(Verdict.FAIL, Verdict.ERROR, Verdict.INCONCLUSIVE)) {
      if (verdicts.contains(v)) {
        return v;
      }
    }
    return Verdict.PASS;
  }

  /** The metrics with this verdict, e.g. the failed ones for a rollback reason. */
  public List<MetricEvidence> metrics(Verdict verdict) {
    return metrics.stream().filter(m -> m.verdict() == verdict).toList();
  }

  /** {@code measurement 2: FAIL} then one line per metric. */
  @Override
  public String toString() {
    return "measurement "
        + number
        + ": "
        + verdict
        + metrics.stream().map(m -> "\n  " + m).collect(Collectors.joining());
  }
}
