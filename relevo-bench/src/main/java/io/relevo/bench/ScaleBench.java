package io.relevo.bench;

import io.relevo.server.AgentClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The agent at scale: one real agent (its own JVM, its own proxy process), {@code apps} apps each
 * under steady traffic of {@code rate} requests a second through its front door, each with a canary
 * at 10% under a background analysis (one measurement a second). Once every canary takes traffic
 * and a settling time has passed, it reads the CPU time of the agent and of the proxy processes
 * from /proc over {@code window}, their RSS, and the agent's busiest threads. Every wait is
 * bounded; closing the agent ends every process it started.
 */
final class ScaleBench {

  /** Canary deploys starting at once (each starts a process and waits for its readiness). */
  private static final int STARTING = 8;

  /** Front doors from here up: below the ports revisions get (FreePort, 20000 to 32000). */
  private static final int FRONT_DOORS = 15000;

  /**
   * From the canaries taking traffic to the window: the JIT compiles the analysis's paths for the
   * first ~90 s of the agent (3 to 15% of a core, falling to ~1.5%), which the agent pays once, not
   * in the weeks it runs for. With 10 s the window caught most of it.
   */
  static final Duration SETTLE = Duration.ofSeconds(60);

  private static final Duration SETUP_BOUND = Duration.ofMinutes(10);

  private final Path relevoJar;
  private final Path dir;
  private final int apps;
  private final int rate;
  private final Duration window;
  private final List<String> agentJvm;
  private final Map<String, String> agentEnv;

  ScaleBench(
      Path relevoJar,
      Path work,
      int apps,
      int rate,
      Duration window,
      List<String> agentJvm,
      Map<String, String> agentEnv) {
    this.relevoJar = relevoJar;
    this.dir = work.resolve("scale");
    this.apps = apps;
    this.rate = rate;
    this.window = window;
    this.agentJvm = agentJvm;
    this.agentEnv = agentEnv;
  }

  ScaleResult run() throws Exception {
    if (!Files.isRegularFile(relevoJar)) {
      return ScaleResult.missing(
          relevoJar + " is missing (build: ./mvnw -q -DskipTests package -pl relevo-cli -am)");
    }
    ScaleBackend backend;
    try {
      backend = ScaleBackend.write(dir);
    } catch (IllegalStateException e) {
      return ScaleResult.missing(e.getMessage());
    }
    try {
      return measureAtScale(backend);
    } catch (IllegalStateException | io.relevo.core.RelevoException e) {
      // the agent did not start, or it refused or lost a deploy: say so, keep the other sections
      return ScaleResult.missing("the set-up failed: " + e.getMessage());
    }
  }

  private ScaleResult measureAtScale(ScaleBackend backend) throws Exception {
    try (AgentUnderTest agent = AgentUnderTest.start(relevoJar, dir, agentJvm, agentEnv)) {
      AgentClient client = agent.client();
      List<ScaleApp> all = new ArrayList<>();
      int port = FRONT_DOORS + new java.util.Random().nextInt(4000);
      for (int i = 1; i <= apps; i++) {
        port = nextFree(port + 1);
        all.add(
            new ScaleApp(
                String.format("scale-%03d", i), port, dir.resolve("apps"), backend.command()));
      }
      long t0 = System.nanoTime();
      try {
        deployStables(all, client, dir.resolve("agent-state"));
      } catch (java.util.concurrent.ExecutionException e) {
        return ScaleResult.missing("an app's first deploy failed: " + e.getCause().getMessage());
      }
      double stableSeconds = (System.nanoTime() - t0) / 1e9;
      System.err.printf("  %d stable revisions up in %.0f s%n", apps, stableSeconds);
      Duration bound = SETUP_BOUND.plus(SETTLE).plus(window).plusMinutes(2);
      try (SteadyLoad load =
          new SteadyLoad(all.stream().map(ScaleApp::url).toList(), rate, bound)) {
        long t1 = System.nanoTime();
        int canaries = startCanaries(all, client);
        double canarySeconds = (System.nanoTime() - t1) / 1e9;
        System.err.printf(
            "  %d of %d canaries take traffic after %.0f s; settling %d s, then measuring %d s%n",
            canaries, apps, canarySeconds, SETTLE.toSeconds(), window.toSeconds());
        Thread.sleep(SETTLE.toMillis());
        return measure(agent, all, load, stableSeconds, canarySeconds, backend);
      }
    }
  }

  private ScaleResult measure(
      AgentUnderTest agent,
      List<ScaleApp> all,
      SteadyLoad load,
      double stableSeconds,
      double canarySeconds,
      ScaleBackend backend)
      throws InterruptedException {
    List<Long> proxies = agent.proxyPids();
    List<Long> backends =
        agent.descendants().stream().filter(pid -> !proxies.contains(pid)).toList();
    long self = ProcessHandle.current().pid();
    long agentBefore = ProcStat.cpuTicks(agent.pid());
    long proxyBefore = sum(proxies);
    long backendBefore = sum(backends);
    long selfBefore = ProcStat.cpuTicks(self);
    Map<String, Long> threadsBefore = ProcStat.threadTicks(agent.pid());
    long measuredBefore = all.stream().mapToLong(ScaleApp::measurements).sum();
    SteadyLoad.Counts loadBefore = load.counts();
    long start = System.nanoTime();
    long peakRss = 0;
    long end = start + window.toNanos();
    while (System.nanoTime() < end) {
      peakRss = Math.max(peakRss, ProcStat.rssKib(agent.pid()));
      Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long agentAfter = ProcStat.cpuTicks(agent.pid());
    long proxyAfter = sum(proxies);
    long backendAfter = sum(backends);
    long selfAfter = ProcStat.cpuTicks(self);
    Map<String, Long> threadsAfter = ProcStat.threadTicks(agent.pid());
    long rss = ProcStat.rssKib(agent.pid());
    List<String> endings =
        all.stream().filter(a -> !a.underWay()).map(a -> a.name() + ": " + a.ending()).toList();
    return new ScaleResult(
        null,
        apps,
        rate,
        seconds,
        stableSeconds,
        canarySeconds,
        all.size() - endings.size(),
        endings,
        all.stream().mapToLong(ScaleApp::measurements).sum() - measuredBefore,
        ProcStat.percentOfCore(agentBefore, agentAfter, seconds),
        rss,
        Math.max(peakRss, rss),
        ThreadCpu.busiest(threadsBefore, threadsAfter, seconds, 8),
        proxies.size(),
        ProcStat.percentOfCore(proxyBefore, proxyAfter, seconds),
        proxies.stream().mapToLong(ProcStat::rssKib).sum(),
        backends.size(),
        ProcStat.percentOfCore(backendBefore, backendAfter, seconds),
        ProcStat.percentOfCore(selfBefore, selfAfter, seconds),
        load.counts().minus(loadBefore),
        agent.describe(),
        String.join(" ", backend.command()));
  }

  /** The first port from {@code from} on that nothing listens on. */
  private static int nextFree(int from) throws java.io.IOException {
    for (int port = from; port < 32768; port++) {
      try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
        socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        return port;
      } catch (java.io.IOException taken) {
        // try the next one
      }
    }
    throw new java.io.IOException("no free port between " + from + " and 32767");
  }

  private static long sum(List<Long> pids) {
    return pids.stream().mapToLong(ProcStat::cpuTicks).sum();
  }

  private static void deployStables(List<ScaleApp> all, AgentClient client, Path state)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(STARTING);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (ScaleApp app : all) {
        done.add(pool.submit(() -> app.deployStable(client, state)));
      }
      long deadline = System.nanoTime() + SETUP_BOUND.toNanos();
      for (Future<?> f : done) {
        f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Starts every canary, {@link #STARTING} at a time; returns how many take traffic. */
  private static int startCanaries(List<ScaleApp> all, AgentClient client)
      throws InterruptedException {
    Semaphore starting = new Semaphore(STARTING);
    long deadline = System.nanoTime() + SETUP_BOUND.toNanos();
    for (ScaleApp app : all) {
      if (!starting.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break; // the ones not started count as taking no traffic below
      }
      app.takesTraffic().whenComplete((v, e) -> starting.release());
      Thread.ofPlatform()
          .daemon()
          .name("canary-" + app.name())
          .start(() -> app.deployCanary(client));
    }
    int taking = 0;
    for (ScaleApp app : all) {
      try {
        CompletableFuture<Void> f = app.takesTraffic();
        f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        taking++;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        System.err.println("  " + app.name() + ": its canary took no traffic: " + app.ending());
      }
    }
    return taking;
  }
}
