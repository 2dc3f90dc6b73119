package io.relevo.bench;

/** The scale section of the results, in Markdown. */
final class ScaleReport {

  private final Report report;

  ScaleReport(Report report) {
    this.report = report;
  }

  void write(ScaleResult r) {
    report.line("### Agent at scale — " + r.apps() + " apps, a canary under analysis on each");
    report.line("");
    if (r.missing() != null) {
      report.line("Not measured: " + r.missing());
      report.line("");
      return;
    }
    report.line(
        String.format(
            "One agent (`%s`) with its proxy process; %d apps, each a stable and a canary revision"
                + " (`%s`, started by the process runtime), the canary at 10%% waiting at `pause:"
                + " {}` under a background analysis (`count: 0`, one measurement a second, the"
                + " statistical judge); %d requests a second to each app's front door (%,d a second"
                + " in all), sent by the benchmark's JVM. Set-up: stables up in %.0f s, canaries"
                + " taking traffic %.0f s later; then %d s to settle (the JIT's warm-up) and a"
                + " window of %.0f s.",
            r.agentCommand(),
            r.apps(),
            r.backendCommand(),
            r.rate(),
            r.rate() * r.apps(),
            r.stableSeconds(),
            r.canarySeconds(),
            ScaleBench.SETTLE.toSeconds(),
            r.seconds()));
    report.line("");
    report.line("| process | CPU, % of one core | RSS MiB | target |");
    report.line("|---|---:|---:|---|");
    report.line(
        String.format(
            "| agent (analysis, housekeeping, API, history) | %.1f | %.0f (peak %.0f) | CPU ≤ %.0f%%,"
                + " RSS ≤ %d MiB: **%s** |",
            r.agentCpu(),
            r.agentRssKib() / 1024.0,
            r.agentPeakRssKib() / 1024.0,
            ScaleResult.CPU_TARGET,
            ScaleResult.RSS_TARGET_KIB / 1024,
            r.meetsTargets() ? "met" : "missed"));
    report.line(
        String.format(
            "| proxy process%s (forwarding all traffic) | %.1f | %.0f | — |",
            r.proxies() == 1 ? "" : "es (serving and standby)",
            r.proxyCpu(),
            r.proxyRssKib() / 1024.0));
    report.line(
        String.format("| %d backend processes | %.1f | — | — |", r.backends(), r.backendCpu()));
    report.line(
        String.format("| the benchmark's JVM (load generator) | %.1f | — | — |", r.loadCpu()));
    report.line("");
    double seconds = r.seconds();
    report.line(
        String.format(
            "In the window: %,d requests answered (%,.0f a second), %d failed, %d slots skipped;"
                + " %,d background analysis measurements heard (%.1f a second, expected ~%d);"
                + " %d of %d canaries still under way at the end.",
            r.load().ok(),
            r.load().ok() / seconds,
            r.load().failed(),
            r.load().skipped(),
            r.measurements(),
            r.measurements() / seconds,
            r.apps(),
            r.canariesUnderWay(),
            r.apps()));
    r.endings().stream().limit(5).forEach(e -> report.line("- " + e));
    report.line("");
    report.line("The agent's busiest threads in the window (from /proc/PID/task/*/stat):");
    report.line("");
    r.busiestThreads().forEach(l -> report.line("    " + l));
    report.line("");
  }
}
