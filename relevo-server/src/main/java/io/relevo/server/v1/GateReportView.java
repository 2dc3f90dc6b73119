package io.relevo.server.v1;

import io.relevo.core.gates.GateReport;
import io.relevo.core.gates.GateResult;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** {@code POST /api/v1/apps/{app}/check}: every gate's result, in the order the gates ran. */
public record GateReportView(List<Result> results) {

  public GateReportView {
    results = results == null ? List.of() : List.copyOf(results);
  }

  /**
   * One gate's result.
   *
   * @param summary one line for people
   * @param problems each problem found, for people
   * @param by who overrode it, exactly when the status is OVERRIDDEN
   */
  public record Result(
      String gate,
      GateStatus status,
      String summary,
      List<String> problems,
      String by,
      Instant at) {

    public Result {
      problems = problems == null ? List.of() : List.copyOf(problems);
    }

    static Result of(GateResult r) {
      return new Result(
          r.gate(),
          WireEnums.of(GateStatus.class, r.status()),
          r.summary(),
          r.problems(),
          r.by(),
          r.at());
    }

    public boolean letsThrough() {
      return status != GateStatus.FAILED;
    }

    /** {@code window: failed: outside the deploy window}. */
    public String line() {
      return gate + ": " + status.name().toLowerCase(Locale.ROOT) + ": " + summary;
    }
  }

  public static GateReportView of(GateReport report) {
    return new GateReportView(report.results().stream().map(Result::of).toList());
  }

  /** True when every gate passed or was overridden; no gates at all pass. */
  public boolean passed() {
    return results.stream().allMatch(Result::letsThrough);
  }
}
