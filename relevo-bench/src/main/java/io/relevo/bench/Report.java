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

  void scrapeCost(ScrapeCost.Result result) {
    line(
        "### Scrape cost — the agent's /metrics rendered every "
            + result.interval().toSeconds()
            + " s beside the proxy, "
            + result.connections()
            + " connections");
    line("");
    line(
        "`"
            + result.wrkCommand().replace(":0/", ":PORT/")
            + "` against relevo's proxy, in alternating rounds without and with scraping ("
            + result.pageBytes()
            + " bytes a page).");
    line("");
    line("| | req/s (median) | spread | p99 ms |");
    line("|---|---:|---|---:|");
    line(
        String.format(
            "| no scraping | %,.0f | %s | %.2f |",
            Medians.of(result.quiet(), WrkResult::rps),
            Medians.spread(result.quiet(), WrkResult::rps),
            Medians.of(result.quiet(), WrkResult::p99Micros) / 1000));
    line(
        String.format(
            "| scraped every second | %,.0f | %s | %.2f |",
            Medians.of(result.scraped(), WrkResult::rps),
            Medians.spread(result.scraped(), WrkResult::rps),
            Medians.of(result.scraped(), WrkResult::p99Micros) / 1000));
    line("");
    line(
        String.format(
            "Change with scraping: %+.1f%% req/s (target: within 3%%). Each scrape took %d µs of"
                + " CPU (mean of %d), %.3f%% of one core at one scrape a second.",
            result.changePercent(),
            result.cpuMicrosPerScrape(),
            result.scrapes(),
            result.cpuMicrosPerScrape() / 10_000.0));
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
            + "), latencies are medians. relevo's own view (time to the last byte of the response, requests"
            + " answered within 20 ms after a switch vs the rest), per round:");
    line("");
    for (SwitchCost.Runs runs : result.runs()) {
      runs.proxySide().forEach(l -> line("    " + l));
    }
    line("");
  }

  void rollbackSpeed(RollbackSpeedResults.Result result) {
    new RollbackReport(this).write(result);
  }

  void scale(ScaleResult result) {
    new ScaleReport(this).write(result);
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
