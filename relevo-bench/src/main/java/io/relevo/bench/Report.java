package io.relevo.bench;

import java.util.List;
import java.util.Map;

/** The results as Markdown, the way docs/BENCHMARKS.md shows them. */
final class Report {

  private final StringBuilder md = new StringBuilder();

  Report line(String text) {
    md.append(text).append('\n');
    return this;
  }

  void proxyCost(ProxyCost.Result result, int threads) {
    Scenario s = result.scenario();
    line("### " + s.name() + " — " + s.backend());
    line("");
    line(
        "`"
            + result.wrkCommand().replace(":0/", ":PORT/")
            + "`; "
            + threads
            + " worker thread(s) per proxy; medians of "
            + result.byTarget().get("direct").results().size()
            + " alternating rounds.");
    line("");
    line(
        "| target | req/s | p50 ms | p99 ms | p99.9 ms | errors | req/s vs direct | relevo req/s ÷ this"
            + " | relevo p99 ÷ this | peak RSS MiB | req/s per round |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    List<WrkResult> relevo = result.byTarget().get("relevo").results();
    double relevoRps = Medians.of(relevo, WrkResult::rps);
    double relevoP99 = Medians.of(relevo, WrkResult::p99Micros);
    double directRps = Medians.of(result.byTarget().get("direct").results(), WrkResult::rps);
    for (Map.Entry<String, ProxyCost.Runs> entry : result.byTarget().entrySet()) {
      List<WrkResult> runs = entry.getValue().results();
      double rps = Medians.of(runs, WrkResult::rps);
      double p99 = Medians.of(runs, WrkResult::p99Micros);
      long errors = runs.stream().mapToLong(r -> r.non2xx() + r.socketErrors()).sum();
      boolean self = entry.getKey().equals("relevo");
      boolean direct = entry.getKey().equals("direct");
      line(
          String.format(
              "| %s | %,.0f | %.2f | %.2f | %.2f | %d | %s | %s | %s | %s | %s |",
              entry.getKey(),
              rps,
              Medians.of(runs, WrkResult::p50Micros) / 1000,
              p99 / 1000,
              Medians.of(runs, WrkResult::p999Micros) / 1000,
              errors,
              direct ? "—" : String.format("%.2f", rps / directRps),
              self || direct ? "—" : String.format("%.2f", relevoRps / rps),
              self || direct ? "—" : String.format("%.2f", relevoP99 / p99),
              direct
                  ? "—"
                  : String.format(
                      "%.0f", Medians.of(entry.getValue().peakRssKib(), Long::doubleValue) / 1024),
              Medians.spread(runs, WrkResult::rps)));
    }
    line("");
    line(
        String.format(
            "relevo's proxy JVM: %.0f MiB RSS idle after start, %.0f MiB peak under this load.",
            result.relevoIdleRssKib() / 1024.0,
            Medians.of(result.byTarget().get("relevo").peakRssKib(), Long::doubleValue) / 1024));
    line("");
  }

  void switchCost(SwitchCost.Result result) {
    line(
        "### Switch cost — "
            + result.switches()
            + " switches, one every "
            + result.interval().toMillis()
            + " ms, "
            + result.connections()
            + " connections");
    line("");
    line(
        "`"
            + result.wrkCommand().replace(":0/", ":PORT/")
            + "`, the switches start 1 s into the run;"
            + " each switching run is paired with a steady run of the same length just before it.");
    line("");
    line(
        "| switching by | steady p99 ms | switching p99 ms | steady p99.9 ms | switching p99.9 ms |"
            + " steady max ms | switching max ms | non-2xx | socket errors | switching req/s |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (SwitchCost.Runs runs : result.runs()) {
      List<WrkResult> steady = runs.steady();
      List<WrkResult> switching = runs.switching();
      line(
          String.format(
              "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %d | %,.0f |",
              runs.target(),
              Medians.of(steady, WrkResult::p99Micros) / 1000,
              Medians.of(switching, WrkResult::p99Micros) / 1000,
              Medians.of(steady, WrkResult::p999Micros) / 1000,
              Medians.of(switching, WrkResult::p999Micros) / 1000,
              Medians.of(steady, WrkResult::maxMicros) / 1000,
              Medians.of(switching, WrkResult::maxMicros) / 1000,
              switching.stream().mapToLong(WrkResult::non2xx).sum(),
              switching.stream().mapToLong(WrkResult::socketErrors).sum(),
              Medians.of(switching, WrkResult::rps)));
    }
    line("");
    line(
        "Errors are summed over all switching rounds ("
            + result.runs().getFirst().switching().size()
            + "), latencies are medians. relevo's own view (time to first byte from the backend, requests"
            + " answered within 20 ms after a switch vs the rest), per round:");
    line("");
    for (SwitchCost.Runs runs : result.runs()) {
      runs.proxySide().forEach(l -> line("    " + l));
    }
    line("");
  }

  void rollbackSpeed(RollbackSpeedResults.Result result) {
    line("### Rollback speed");
    line("");
    line(
        "An in-process agent (`Agent.start`), the example app as real processes (`"
            + result.appCommand()
            + "`), paced load through the agent's proxy: "
            + result.clients()
            + " client threads of"
            + " `java.net.http.HttpClient`, GET /api/v1/accommodations, each request logged with its send"
            + " time, answer time, status and X-App-Version.");
    line("");
    List<RollbackSpeedResults.Abort> aborts = result.aborts();
    line(
        "**Abort** of a healthy canary at 10% (`steps: "
            + result.abortSteps()
            + "`), `engine.abort` called"
            + " 0.5–1.5 s (random) after the canary took traffic; "
            + result.abortRate()
            + " req/s, so about "
            + result.abortRate() / 10
            + " canary requests a second; "
            + aborts.size()
            + " aborts, on their own app"
            + " while the two bad canaries below are under analysis on two others. Times from the abort call:");
    line("");
    line("| measure | median | max | per run |");
    line("|---|---:|---:|---|");
    line(
        String.format(
            "| `abort` event (all traffic back on stable) ms | %.1f | %.1f | %s |",
            Medians.of(aborts, RollbackSpeedResults.Abort::toAbortEventMillis),
            aborts.stream()
                .mapToDouble(RollbackSpeedResults.Abort::toAbortEventMillis)
                .max()
                .orElse(Double.NaN),
            Medians.spread(aborts, RollbackSpeedResults.Abort::toAbortEventMillis)));
    line(
        String.format(
            "| send time of the last request the canary answered, ms | %.1f | %.1f | %s |",
            Medians.of(aborts, RollbackSpeedResults.Abort::toLastCanarySendMillis),
            aborts.stream()
                .mapToDouble(RollbackSpeedResults.Abort::toLastCanarySendMillis)
                .max()
                .orElse(Double.NaN),
            Medians.spread(aborts, RollbackSpeedResults.Abort::toLastCanarySendMillis)));
    line("");
    line(
        String.format(
            "Failed requests during the %d aborted rollouts: %d; outcomes: %s.",
            aborts.size(),
            aborts.stream().mapToLong(RollbackSpeedResults.Abort::failed).sum(),
            aborts.stream().map(RollbackSpeedResults.Abort::outcome).distinct().toList()));
    line("");
    line(
        "**Detection** with default analysis (`strategy: canary`, no `analysis` section: the ramp 10 → 25 →"
            + " 50 → 100% with `default` after each step: interval 10s, count 3, failure_limit 1, min_requests"
            + " 50). The two bad canaries run side by side on two apps of the same agent, each app with its"
            + " own load of "
            + result.detectionRate()
            + " req/s (10% of it is ~"
            + result.detectionRate()
            + " canary requests per 10 s window). Exposed = from the `weight` event (first share of traffic)"
            + " to the `abort` event (traffic fully back on stable). Rollout = from its start (gates, canary"
            + " start, readiness) to its end (canary drained and stopped).");
    line("");
    line(
        "| canary | run | outcome | exposed s | measurements | requests in rollout | failed | failed share"
            + " | failed share while exposed | last canary request after `abort` ms |");
    line("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for (String canary :
        result.detections().stream()
            .map(RollbackSpeedResults.Detection::canary)
            .distinct()
            .toList()) {
      List<RollbackSpeedResults.Detection> runs =
          result.detections().stream().filter(d -> d.canary().equals(canary)).toList();
      for (RollbackSpeedResults.Detection d : runs) {
        line(
            String.format(
                "| %s | %d | %s | %.1f | %d | %d | %d | %.2f%% | %.2f%% | %.1f |",
                d.canary(),
                d.run(),
                d.outcome(),
                d.exposedSeconds(),
                d.measurements(),
                d.requests(),
                d.failed(),
                100.0 * d.failed() / Math.max(1, d.requests()),
                100.0 * d.exposedFailed() / Math.max(1, d.exposedRequests()),
                d.lastCanarySendAfterAbortMillis()));
      }
      line(
          String.format(
              "| %s | median | | %.1f | | | | %.2f%% | %.2f%% | |",
              canary,
              Medians.of(runs, RollbackSpeedResults.Detection::exposedSeconds),
              Medians.of(runs, d -> 100.0 * d.failed() / Math.max(1, d.requests())),
              Medians.of(runs, d -> 100.0 * d.exposedFailed() / Math.max(1, d.exposedRequests()))));
    }
    line("");
    line("Why they rolled back (first run of each):");
    line("");
    result.detections().stream()
        .filter(d -> d.run() == 1)
        .forEach(d -> line("    " + d.canary() + ": " + d.reason()));
    line("");
  }

  void footprint(Footprint.Result result) {
    line("### Agent footprint");
    line("");
    if (result.missing() != null) {
      line("Not measured: " + result.missing());
      line("");
      return;
    }
    line("| measure | value |");
    line("|---|---:|");
    line(
        String.format("| `relevo agent` start to API listening | %.0f ms |", result.startMillis()));
    line(String.format("| agent RSS, idle (no app) | %.0f MiB |", result.idleRssKib() / 1024.0));
    line(
        String.format(
            "| `relevo status` round trip, median of %d (includes JVM start) | %.0f ms |",
            result.cliMillis().size(), Medians.of(result.cliMillis(), Double::doubleValue)));
    line("");
  }

  void profile(Profile.Result result) {
    line("### JFR profile of relevo's proxy (fast backend)");
    line("");
    line(
        String.format(
            "`%s` on a proxy started with `-XX:StartFlightRecording=settings=profile`: "
                + "%,.0f req/s during the recording, %d execution samples; recording `%s`.",
            result.wrkCommand().replace(":0/", ":PORT/"),
            result.load().rps(),
            result.samples(),
            result.recording()));
    line("");
    line("Top methods by self time (share of samples):");
    line("");
    result.selfTop().forEach(l -> line("    " + l));
    line("");
    line("relevo frames by total time (share of samples with the frame on the stack):");
    line("");
    result.relevoTotalTop().forEach(l -> line("    " + l));
    line("");
    line(
        String.format(
            "The event loop in native code (%d samples, JFR samples native frames at a"
                + " lower rate than Java ones), by the native method it is in:",
            result.nativeSamples()));
    line("");
    result.nativeTop().forEach(l -> line("    " + l));
    line("");
    line("Allocation by class (share of sampled bytes):");
    line("");
    result.allocationTop().forEach(l -> line("    " + l));
    line("");
  }

  @Override
  public String toString() {
    return md.toString();
  }
}
