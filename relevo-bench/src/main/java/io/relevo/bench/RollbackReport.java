package io.relevo.bench;

import io.relevo.bench.RollbackSpeedResults.Abort;
import io.relevo.bench.RollbackSpeedResults.CanaryRun;
import io.relevo.bench.RollbackSpeedResults.Ending;
import io.relevo.bench.RollbackSpeedResults.Result;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The rollback-speed section of the results, as docs/BENCHMARKS.md shows it. */
final class RollbackReport {

  private final Report report;

  RollbackReport(Report report) {
    this.report = report;
  }

  void write(Result result) {
    line("### Rollback speed");
    line("");
    line(
        "An in-process agent (`Agent.start`), the example app as real processes (`"
            + result.appCommand()
            + "`), paced load through the agent's proxy: "
            + result.clients()
            + " client threads of `java.net.http.HttpClient` per app, GET /api/v1/accommodations,"
            + " each request logged with its send time, answer time, status and X-App-Version.");
    line("");
    defaults(result);
    aborts(result);
  }

  private void defaults(Result result) {
    List<CanaryRun> runs = result.canaries();
    line(
        "**The default analysis.** Each canary on an app of its own, deployed with `strategy:"
            + " canary` and no `analysis` section, under "
            + result.canaryRate()
            + " req/s of paced load per app; the three apps side by side. Analysis that ran (from"
            + " the rollouts' events): "
            + String.join(
                "; ",
                runs.stream()
                    .flatMap(r -> r.analyses().stream())
                    .map(AnalysisSeen::template)
                    .distinct()
                    .toList())
            + ". Exposed: from the canary's first share of traffic (`weight` event) to all traffic"
            + " back on stable (`abort` event), or to its promotion (`switch` event) for one that"
            + " was promoted; a canary not decided "
            + result.boundSeconds()
            + " s after taking traffic is aborted by the benchmark. Failed: requests sent during"
            + " the exposure, to either revision, that got a non-2xx answer or none.");
    line("");
    List<CanaryRun> surprises = runs.stream().filter(r -> !r.asExpected()).toList();
    for (CanaryRun r : surprises) {
      line(
          "**NOT AS EXPECTED: "
              + r.kind().name()
              + " run "
              + r.run()
              + " ("
              + r.version()
              + "): "
              + r.result(result.boundSeconds())
              + "** — "
              + r.reason());
      line("");
    }
    line(
        "| canary | runs | as expected | exposed s (to promotion for the good one) | failed requests"
            + " | failed share of requests sent while exposed |");
    line("|---|---:|---:|---:|---:|---:|");
    for (CanaryKind kind : kinds(runs)) {
      List<CanaryRun> own = runs.stream().filter(r -> r.kind().equals(kind)).toList();
      line(
          String.format(
              "| %s (%s) | %d | %d | %s | %s | %s |",
              kind.name(),
              kind.description(),
              own.size(),
              own.stream().filter(CanaryRun::asExpected).count(),
              medianAndRange(own, CanaryRun::exposedSeconds, "%.1f", 1),
              medianAndRange(own, CanaryRun::exposedFailed, "%.0f", 1),
              medianAndRange(own, CanaryRun::failedShare, "%.2f%%", 100)));
    }
    line("");
    line("Medians, with the range over the runs in brackets when there are several. Every run:");
    line("");
    line(
        "| canary | run | version | result | exposed s | requests sent while exposed | failed |"
            + " failed share | measurements | last canary request after the end ms |");
    line("|---|---:|---|---|---:|---:|---:|---:|---:|---:|");
    for (CanaryRun r : runs) {
      line(
          String.format(
              "| %s | %d | %s | %s | %.1f | %d | %d | %.2f%% | %d | %s |",
              r.kind().name(),
              r.run(),
              r.version(),
              r.result(result.boundSeconds()),
              r.exposedSeconds(),
              r.exposedRequests(),
              r.exposedFailed(),
              100 * r.failedShare(),
              r.measurements(),
              // a promoted canary is the new stable: it goes on answering after the end
              r.ending() == Ending.PROMOTED
                  ? "—"
                  : String.format("%.1f", r.lastCanarySendAfterEndMillis())));
    }
    line("");
    line("How they ended (first run of each):");
    line("");
    runs.stream()
        .filter(r -> r.run() == 1)
        .forEach(r -> line("    " + r.kind().name() + ": " + r.reason()));
    line("");
  }

  private void aborts(Result result) {
    List<Abort> aborts = result.aborts();
    line(
        "**Abort** of a healthy canary at 10% (`steps: "
            + result.abortSteps()
            + "`), `engine.abort` called 0.5–1.5 s (random) after the canary took traffic; "
            + result.abortRate()
            + " req/s, so about "
            + result.abortRate() / 10
            + " canary requests a second; "
            + aborts.size()
            + " aborts, on their own app while the canaries above are under analysis. Times from"
            + " the abort call:");
    line("");
    line("| measure | median | max | per run |");
    line("|---|---:|---:|---|");
    abortRow("`abort` event (all traffic back on stable) ms", aborts, Abort::toAbortEventMillis);
    abortRow(
        "send time of the last request the canary answered, ms",
        aborts,
        Abort::toLastCanarySendMillis);
    line("");
    line(
        String.format(
            "Failed requests during the %d aborted rollouts: %d; outcomes: %s.",
            aborts.size(),
            aborts.stream().mapToLong(Abort::failed).sum(),
            aborts.stream().map(Abort::outcome).distinct().toList()));
    line("");
  }

  private void abortRow(String measure, List<Abort> aborts, ToDoubleFunction<Abort> value) {
    line(
        String.format(
            "| %s | %.1f | %.1f | %s |",
            measure,
            Medians.of(aborts, value),
            aborts.stream().mapToDouble(value).max().orElse(Double.NaN),
            Medians.spread(aborts, value)));
  }

  /** {@code 20.1}, or {@code 20.1 [19.8–20.3]} over several runs. */
  static <T> String medianAndRange(
      List<T> runs, ToDoubleFunction<T> value, String format, double scale) {
    ToDoubleFunction<T> scaled = r -> value.applyAsDouble(r) * scale;
    String median = String.format(format, Medians.of(runs, scaled));
    if (runs.size() < 2) {
      return median;
    }
    double min = runs.stream().mapToDouble(scaled).min().orElse(Double.NaN);
    double max = runs.stream().mapToDouble(scaled).max().orElse(Double.NaN);
    return median + " [" + String.format(format, min) + "–" + String.format(format, max) + "]";
  }

  private static List<CanaryKind> kinds(List<CanaryRun> runs) {
    return runs.stream().map(CanaryRun::kind).distinct().toList();
  }

  private void line(String text) {
    report.line(text);
  }
}
