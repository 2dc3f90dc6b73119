package io.relevo.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Switch cost: under steady wrk load, N switches between two live backends ("blue" and "green", two
 * nginx servers), against the same load without switches, in alternating rounds. relevo switches
 * in-process (route, then drain the revision that left, as a rollout does); the anchor is what a
 * deploy script does with nginx: rewrite the upstream and {@code nginx -s reload}.
 */
final class SwitchCost {

  /** The runs of one way of switching: steady and switching, round by round. */
  record Runs(
      String target, List<WrkResult> steady, List<WrkResult> switching, List<String> proxySide) {}

  record Result(
      int switches, Duration interval, int connections, String wrkCommand, List<Runs> runs) {}

  private final Subjects subjects;
  private final Wrk wrk;
  private final int rounds;
  private final int switches;
  private final Duration interval;
  private final int connections;
  private final Duration warmup;

  SwitchCost(
      Subjects subjects,
      Wrk wrk,
      int rounds,
      int switches,
      Duration interval,
      int connections,
      Duration warmup) {
    this.subjects = subjects;
    this.wrk = wrk;
    this.rounds = rounds;
    this.switches = switches;
    this.interval = interval;
    this.connections = connections;
    this.warmup = warmup;
  }

  Result run() throws IOException, InterruptedException {
    int blue = Subjects.freePort();
    int green = Subjects.freePort();
    // The switches take switches × interval; the load starts a second before and ends a second
    // after.
    Duration load = interval.multipliedBy(switches).plusSeconds(2);
    List<Runs> all = new ArrayList<>();
    try (Subject backends = subjects.nginxBackend(blue, green)) {
      int relevoSwitches = 0;
      try (Subject relevo = subjects.relevo(Subjects.freePort(), blue, green, List.of())) {
        Runs runs = new Runs("relevo", new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        wrk.run(relevo.port(), connections, warmup);
        for (int round = 0; round < rounds; round++) {
          runs.steady().add(wrk.run(relevo.port(), connections, load));
          runs.switching()
              .add(
                  underLoad(
                      relevo.port(),
                      load,
                      () -> relevo.tell("switch " + switches + " " + interval.toMillis())));
          runs.proxySide()
              .add(relevo.awaitLogLine("switched", ++relevoSwitches, Duration.ofSeconds(30)));
          log(runs);
        }
        all.add(runs);
      }
      int port = Subjects.freePort();
      try (Subject nginx = subjects.nginxProxy(port, blue)) {
        Runs runs =
            new Runs("nginx -s reload", new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        wrk.run(nginx.port(), connections, warmup);
        for (int round = 0; round < rounds; round++) {
          runs.steady().add(wrk.run(nginx.port(), connections, load));
          runs.switching()
              .add(
                  underLoad(
                      nginx.port(),
                      load,
                      () -> {
                        for (int i = 1; i <= switches; i++) {
                          long next = System.nanoTime() + interval.toNanos();
                          subjects.reloadNginxProxy(port, i % 2 == 1 ? green : blue);
                          Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                        }
                        subjects.reloadNginxProxy(port, blue);
                      }));
          log(runs);
        }
        all.add(runs);
      }
    }
    return new Result(switches, interval, connections, wrk.command(0, connections, load), all);
  }

  interface Switches {
    void run() throws Exception;
  }

  /** Runs wrk for {@code load} and the switches from one second into it. */
  private WrkResult underLoad(int port, Duration load, Switches switching)
      throws IOException, InterruptedException {
    CompletableFuture<Void> switched =
        CompletableFuture.runAsync(
            () -> {
              try {
                Thread.sleep(1000);
                switching.run();
              } catch (Exception e) {
                throw new IllegalStateException("switching failed: " + e.getMessage(), e);
              }
            });
    WrkResult result = wrk.run(port, connections, load);
    switched.join();
    return result;
  }

  private static void log(Runs runs) {
    WrkResult steady = runs.steady().getLast();
    WrkResult switching = runs.switching().getLast();
    System.err.printf(
        "  switch %-16s steady p99 %6.2f ms max %7.2f ms | switching p99 %6.2f ms max"
            + " %7.2f ms, %d non-2xx, %d socket errors%n",
        runs.target(),
        steady.p99Micros() / 1000.0,
        steady.maxMicros() / 1000.0,
        switching.p99Micros() / 1000.0,
        switching.maxMicros() / 1000.0,
        switching.non2xx(),
        switching.socketErrors());
  }
}
