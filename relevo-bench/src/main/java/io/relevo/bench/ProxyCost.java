package io.relevo.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Proxy cost: the same backend and load, direct and through nginx, HAProxy and relevo, in
 * alternating rounds (the order rotates every round), after one warm-up run each.
 */
final class ProxyCost {

  static final List<String> TARGETS = List.of("direct", "nginx", "HAProxy", "relevo");

  /** The runs of one target in one scenario, with the largest RSS seen during each run. */
  record Runs(String target, List<WrkResult> results, List<Long> peakRssKib) {}

  record Result(
      Scenario scenario, String wrkCommand, Map<String, Runs> byTarget, long relevoIdleRssKib) {}

  private final Subjects subjects;
  private final Wrk wrk;
  private final int rounds;
  private final Duration duration;
  private final Duration warmup;

  ProxyCost(Subjects subjects, Wrk wrk, int rounds, Duration duration, Duration warmup) {
    this.subjects = subjects;
    this.wrk = wrk;
    this.rounds = rounds;
    this.duration = duration;
    this.warmup = warmup;
  }

  Result run(Scenario scenario) throws IOException, InterruptedException {
    int backendPort = Subjects.freePort();
    try (Subject backend =
            scenario.backendDelayMillis() == 0
                ? subjects.nginxBackend(backendPort)
                : subjects.slowBackend(backendPort, scenario.backendDelayMillis());
        Subject nginx = subjects.nginxProxy(Subjects.freePort(), backendPort);
        Subject haproxy = subjects.haproxy(Subjects.freePort(), backendPort);
        Subject relevo = subjects.relevo(Subjects.freePort(), backendPort, 0, List.of())) {
      Thread.sleep(1000); // let the JVM settle before reading its idle footprint
      long relevoIdle = relevo.rssKib();
      List<Subject> targets = List.of(backend, nginx, haproxy, relevo);
      Map<String, Runs> byTarget = new LinkedHashMap<>();
      for (int i = 0; i < targets.size(); i++) {
        byTarget.put(
            TARGETS.get(i), new Runs(TARGETS.get(i), new ArrayList<>(), new ArrayList<>()));
      }
      for (Subject target : targets) {
        wrk.run(target.port(), scenario.connections(), warmup);
      }
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < targets.size(); k++) {
          int i = (k + round) % targets.size();
          Subject target = targets.get(i);
          Runs runs = byTarget.get(TARGETS.get(i));
          AtomicLong peak = new AtomicLong();
          Thread sampler = Thread.ofPlatform().daemon().start(() -> sample(target, peak));
          runs.results().add(wrk.run(target.port(), scenario.connections(), duration));
          sampler.interrupt();
          sampler.join();
          runs.peakRssKib().add(peak.get());
          System.err.printf(
              "  %-22s round %d %-8s %,9.0f req/s  p99 %6.2f ms%n",
              scenario.name(),
              round + 1,
              TARGETS.get(i),
              runs.results().getLast().rps(),
              runs.results().getLast().p99Micros() / 1000.0);
        }
      }
      return new Result(
          scenario, wrk.command(0, scenario.connections(), duration), byTarget, relevoIdle);
    }
  }

  private static void sample(Subject target, AtomicLong peak) {
    while (!Thread.currentThread().isInterrupted()) {
      peak.accumulateAndGet(target.rssKib(), Math::max);
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
