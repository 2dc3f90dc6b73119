package io.relevo.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What bench/run was asked for. {@code --quick}: the fast scenario only, 2 rounds of 3 s, 100
 * switches 40 ms apart in 1 round, 5 aborts and 1 run of each canary under the default analysis;
 * the full run: three scenarios, 5 rounds of 8 s, 100 switches 100 ms apart in 3 rounds, 20 aborts
 * and 3 runs of each canary, and a JFR profile. The canaries' runs last as long as the default
 * analysis takes to decide (at most {@link CanaryTrial#BOUND} each). --quick leaves the profile out
 * unless {@code --profile} asks for it: 3 s of recording give too few samples to read. The agent at
 * scale ({@link ScaleBench}: 100 apps, a canary under analysis on each) runs in the full run and
 * with {@code --only scale}, measuring for 60 s (20 s with --quick).
 *
 * @param threads worker threads of every proxy under test (nginx workers, HAProxy nbthread, relevo
 *     event loops) and of the backend nginx; default 1
 * @param aborts rollback speed: aborts of a healthy canary at 10%
 * @param canaryRuns rollback speed: runs of each {@link CanaryKind} under the default analysis
 * @param scaleApps the agent at scale: apps on the agent, {@code --apps}, default 100
 * @param agentJvmOptions the agent at scale: JVM options of the agent, {@code --agent-jvm}; empty =
 *     those of the systemd unit ({@link AgentJvm})
 */
record Options(
    boolean quick,
    int threads,
    int wrkThreads,
    int rounds,
    Duration duration,
    Duration warmup,
    List<Scenario> scenarios,
    int switchRounds,
    int switches,
    Duration switchInterval,
    boolean proxyCost,
    boolean switchCost,
    boolean rollback,
    int aborts,
    int canaryRuns,
    boolean footprint,
    boolean profile,
    Path root,
    Path out,
    List<String> jvmOptions,
    boolean scrapeCost,
    boolean scale,
    int scaleApps,
    Duration scaleWindow,
    List<String> agentJvmOptions) {

  static final String USAGE =
      """
      usage: bench/run [--quick] [--threads N] [--wrk-threads N] [--rounds N] [--duration SECONDS]
                       [--only proxy|switch|scrape|rollback|footprint|profile|scale|frontdoor]
                       [--profile|--no-profile] [--out DIR] [--jvm "OPTIONS"] [--apps N]
                       [--agent-jvm "OPTIONS"]""";

  static Options parse(String[] args, Path root) {
    boolean quick = List.of(args).contains("--quick");
    int threads = 1;
    int wrkThreads = 2;
    int rounds = quick ? 2 : 5;
    Duration duration = Duration.ofSeconds(quick ? 3 : 8);
    String only = null;
    Boolean profile = null; // default: on for the full run, off for --quick
    Path out = null;
    List<String> jvm = new ArrayList<>();
    List<String> agentJvm = new ArrayList<>();
    int apps = 100;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> {}
        case "--threads" -> threads = positive(args, ++i);
        case "--wrk-threads" -> wrkThreads = positive(args, ++i);
        case "--rounds" -> rounds = positive(args, ++i);
        case "--duration" -> duration = Duration.ofSeconds(positive(args, ++i));
        case "--only" -> only = value(args, ++i);
        case "--profile" -> profile = true;
        case "--no-profile" -> profile = false;
        case "--out" -> out = Path.of(value(args, ++i));
        case "--jvm" -> jvm = List.of(value(args, ++i).trim().split("\\s+"));
        case "--agent-jvm" -> agentJvm = List.of(value(args, ++i).trim().split("\\s+"));
        case "--apps" -> apps = positive(args, ++i);
        default -> throw new IllegalArgumentException(args[i] + ": unknown option\n" + USAGE);
      }
    }
    if (only != null
        && !List.of("proxy", "switch", "scrape", "rollback", "footprint", "profile", "scale")
            .contains(only)) {
      throw new IllegalArgumentException(
          "--only: "
              + only
              + " (expected: proxy, switch, scrape, rollback, footprint, profile, scale or"
              + " frontdoor)");
    }
    List<Scenario> scenarios =
        quick
            ? List.of(new Scenario("fast, 100 conns", 0, 100))
            : List.of(
                new Scenario("fast, 100 conns", 0, 100),
                new Scenario("slow 5 ms, 100 conns", 5, 100),
                new Scenario("slow 5 ms, 1000 conns", 5, 1000));
    return new Options(
        quick,
        threads,
        wrkThreads,
        rounds,
        duration,
        Duration.ofSeconds(quick ? 2 : 4),
        scenarios,
        quick ? 1 : 3,
        100,
        Duration.ofMillis(quick ? 40 : 100),
        only == null || only.equals("proxy"),
        only == null || only.equals("switch"),
        only == null || only.equals("rollback"),
        quick ? 5 : 20,
        quick ? 1 : 3,
        only == null || only.equals("footprint"),
        only == null ? (profile == null ? !quick : profile) : only.equals("profile"),
        root,
        out,
        jvm,
        only == null || only.equals("scrape"),
        only == null ? !quick : only.equals("scale"),
        apps,
        Duration.ofSeconds(quick ? 20 : 60),
        agentJvm);
  }

  private static int positive(String[] args, int i) {
    String text = value(args, i);
    try {
      int n = Integer.parseInt(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(
        args[i - 1] + ": " + text + " (expected: a whole number >= 1)");
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + ": no value\n" + USAGE);
    }
    return args[i];
  }
}
