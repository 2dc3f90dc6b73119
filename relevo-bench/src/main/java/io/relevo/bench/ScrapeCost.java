package io.relevo.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scrape cost: relevo's proxy under wrk, in alternating rounds without and with the agent's {@code
 * /metrics} page rendered every second in the same JVM. The page reads the proxy's counters when it
 * is rendered; nothing is added to the request path, so the two should not differ beyond noise.
 */
final class ScrapeCost {

  record Result(
      int connections,
      Duration interval,
      String wrkCommand,
      List<WrkResult> quiet,
      List<WrkResult> scraped,
      int pageBytes,
      long scrapes,
      long cpuMicrosPerScrape) {

    /** Median req/s with scraping relative to without, in percent (negative = slower). */
    double changePercent() {
      double quietRps = Medians.of(quiet, WrkResult::rps);
      return (Medians.of(scraped, WrkResult::rps) - quietRps) / quietRps * 100;
    }
  }

  private final Subjects subjects;
  private final Wrk wrk;
  private final int rounds;
  private final Duration duration;
  private final Duration warmup;

  ScrapeCost(Subjects subjects, Wrk wrk, int rounds, Duration duration, Duration warmup) {
    this.subjects = subjects;
    this.wrk = wrk;
    this.rounds = rounds;
    this.duration = duration;
    this.warmup = warmup;
  }

  Result run() throws IOException, InterruptedException {
    int backendPort = Subjects.freePort();
    int connections = 100;
    Duration interval = Duration.ofSeconds(1);
    List<WrkResult> quiet = new ArrayList<>();
    List<WrkResult> scraped = new ArrayList<>();
    int bytes = 0;
    long scrapes = 0;
    long cpuMicros = 0;
    try (Subject backend = subjects.nginxBackend(backendPort);
        Subject relevo = subjects.relevo(Subjects.freePort(), backendPort, 0, List.of())) {
      wrk.run(relevo.port(), connections, warmup);
      for (int round = 0; round < rounds; round++) {
        quiet.add(wrk.run(relevo.port(), connections, duration));
        relevo.tell("scrape " + interval.toMillis());
        String started = relevo.awaitLogLine("scraping ", 2 * round + 1, Duration.ofSeconds(30));
        bytes = Integer.parseInt(started.substring("scraping ".length()).trim());
        scraped.add(wrk.run(relevo.port(), connections, duration));
        relevo.tell("scrape 0");
        String[] stopped =
            relevo.awaitLogLine("scraping stopped ", round + 1, Duration.ofSeconds(30)).split(" ");
        long n = Long.parseLong(stopped[2]);
        cpuMicros =
            (cpuMicros * scrapes + Long.parseLong(stopped[3]) * n) / Math.max(1, scrapes + n);
        scrapes += n;
        System.err.printf(
            "  round %d: %.0f req/s quiet, %.0f req/s scraped%n",
            round + 1, quiet.getLast().rps(), scraped.getLast().rps());
      }
    }
    return new Result(
        connections,
        interval,
        wrk.command(0, connections, duration),
        quiet,
        scraped,
        bytes,
        scrapes,
        cpuMicros);
  }
}
