package io.relevo.bench;

import io.relevo.proxy.daemon.ProxyJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark behind {@code bench/run}: proxy cost against nginx and HAProxy, switch cost,
 * rollback speed of canaries, the agent's footprint and a JFR profile, written as Markdown to
 * {@code bench/results/<time>/}. Everything runs on 127.0.0.1 and every load has a fixed duration.
 */
public final class BenchRunner {

  private BenchRunner() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
    Options options;
    try {
      options = Options.parse(args, root);
    } catch (IllegalArgumentException e) {
      System.err.println("bench/run: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path out =
        options.out() != null
            ? options.out()
            : root.resolve("bench/results")
                .resolve(
                    LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Path work = Files.createDirectories(out.resolve("work"));
    Path benchJar = root.resolve("relevo-bench/target/relevo-bench.jar");
    Subjects subjects = new Subjects(work, benchJar, options.jvmOptions(), options.threads());
    Wrk wrk = new Wrk(root.resolve("bench/wrk-report.lua"), options.wrkThreads());
    long started = System.nanoTime();

    Report report = new Report();
    report.line(
        "## Results "
            + (options.quick() ? "(--quick)" : "(full run)")
            + ", "
            + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16));
    report.line("");
    report.line(Machine.describe(options));
    report.line("");
    if (options.proxyCost()) {
      ProxyCost cost =
          new ProxyCost(subjects, wrk, options.rounds(), options.duration(), options.warmup());
      List<ProxyCost.Result> proxyResults = new ArrayList<>();
      for (Scenario scenario : options.scenarios()) {
        System.err.println("proxy cost: " + scenario.name());
        ProxyCost.Result result = cost.run(scenario);
        proxyResults.add(result);
        report.proxyCost(result, options.threads());
      }
      Path chart = out.resolve("latency.png");
      LatencyChart.write(proxyResults, Machine.chartTitle(), chart);
      report.line("Latency chart of this section: [latency.png](latency.png) (" + chart + ").");
      report.line("");
    }
    if (options.switchCost()) {
      System.err.println("switch cost");
      report.switchCost(
          new SwitchCost(
                  subjects,
                  wrk,
                  options.switchRounds(),
                  options.switches(),
                  options.switchInterval(),
                  100,
                  options.warmup())
              .run());
    }
    if (options.scrapeCost()) {
      System.err.println("scrape cost");
      report.scrapeCost(
          new ScrapeCost(subjects, wrk, options.rounds(), options.duration(), options.warmup())
              .run());
    }
    if (options.rollback()) {
      System.err.println("rollback speed");
      report.rollbackSpeed(new RollbackSpeed(work, options.aborts(), options.canaryRuns()).run());
    }
    if (options.scale()) {
      System.err.println("agent at scale: " + options.scaleApps() + " apps");
      report.scale(
          new ScaleBench(
                  root.resolve("relevo-cli/target/relevo.jar"),
                  work,
                  options.scaleApps(),
                  20,
                  options.scaleWindow(),
                  options.agentJvmOptions().isEmpty()
                      ? AgentJvm.ofUnit(root)
                      : options.agentJvmOptions(),
                  AgentJvm.environmentOfUnit(root))
              .run());
    }
    if (options.footprint()) {
      System.err.println("footprint");
      report.footprint(new Footprint(root.resolve("relevo-cli/target/relevo.jar"), work).run());
    }
    if (options.profile()) {
      System.err.println("profile");
      report.profile(
          new Profile(subjects, wrk, work)
              .run(100, options.warmup(), Duration.ofSeconds(options.quick() ? 3 : 10)));
    }
    report.line(
        String.format("Total time of the benchmark: %.0f s.", (System.nanoTime() - started) / 1e9));
    Files.writeString(out.resolve("results.md"), report.toString(), StandardCharsets.UTF_8);
    System.out.println(report);
    System.err.println("results: " + out.resolve("results.md"));
  }

  /** The machine and tool versions, for the header of the results. */
  static final class Machine {
    private Machine() {}

    static String describe(Options options) throws IOException, InterruptedException {
      return String.join(
          "\n",
          "- machine: "
              + Runtime.getRuntime().availableProcessors()
              + " cores ("
              + cpuModel()
              + "), "
              + memTotal()
              + " memory, Linux "
              + run("uname", "-r"),
          "- "
              + run("nginx", "-v")
              + "; "
              + run("haproxy", "-v").lines().findFirst().orElse("")
              + "; "
              + run("wrk", "-v")
                  .lines()
                  .findFirst()
                  .orElse("")
                  .replace("Copyright (C) 2012 Will Glozer", "")
                  .trim(),
          "- JDK "
              + System.getProperty("java.vm.name")
              + " "
              + System.getProperty("java.runtime.version")
              + "; relevo proxy JVM options: "
              + (options.jvmOptions().isEmpty()
                  ? "the proxy process's: " + String.join(" ", ProxyJvm.OPTIONS)
                  : String.join(" ", options.jvmOptions())),
          "- threads: "
              + options.threads()
              + " per proxy (nginx worker_processes, HAProxy nbthread,"
              + " relevo event loops) and for the backend; wrk -t"
              + options.wrkThreads()
              + ". Everything shares the same "
              + Runtime.getRuntime().availableProcessors()
              + " cores: wrk, the backend and the proxy under test compete for CPU.");
    }

    /** The chart's title: what was compared, where and when. */
    static String chartTitle() throws IOException {
      return "Proxy latency: relevo, nginx, HAProxy — "
          + Runtime.getRuntime().availableProcessors()
          + " cores ("
          + cpuModel()
          + "), "
          + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE);
    }

    private static String cpuModel() throws IOException {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("unknown CPU");
    }

    private static String memTotal() throws IOException {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith("MemTotal"))
          .findFirst()
          .map(
              l ->
                  String.format(
                      "%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024))
          .orElse("unknown");
    }

    private static String run(String... command) throws IOException, InterruptedException {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      process.waitFor();
      return output;
    }
  }
}
