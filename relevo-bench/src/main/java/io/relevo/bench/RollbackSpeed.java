package io.relevo.bench;

import io.relevo.bench.RollbackSpeedResults.Abort;
import io.relevo.bench.RollbackSpeedResults.Detection;
import io.relevo.bench.RollbackSpeedResults.Result;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.server.Agent;
import io.relevo.server.AgentOptions;
import io.relevo.server.StateDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rollback speed: an in-process agent, the example app (alojamientos) as real processes, paced load
 * through the agent's proxy from {@link PacedLoad}.
 *
 * <ul>
 *   <li><b>Abort</b>: a healthy canary at 10% ({@code steps: [{weight: 10}, {pause: {}}]}), then
 *       {@code engine.abort} at a random moment 0.5–1.5 s after it took traffic: from the abort
 *       call to the send time of the last request the canary answered (the abort switches traffic
 *       in the calling thread) and to the {@code abort} event (the rollout's thread has noticed).
 *   <li><b>Detection</b> with default analysis ({@code strategy: canary}, no {@code analysis}
 *       section): a canary answering 100% 5xx and one answering 20% 5xx, on two apps of the same
 *       agent side by side, each with its own load: from the {@code weight} event (first share of
 *       traffic) to the {@code abort} event, and the failed requests in the rollout.
 * </ul>
 *
 * <p>The aborts run on a third app of the same agent while the bad canaries are under analysis.
 * Neither measurement is CPU-bound: the analysis waits for its 10 s windows; the three loads
 * together are 700 req/s.
 */
final class RollbackSpeed {

  /**
   * Abort phase: 10% of it is 50 canary requests a second, so "last canary request" is ~20 ms fine.
   */
  static final int ABORT_RATE = 500;

  /**
   * Detection phase: 10% of it is ~100 canary requests per 10 s window, twice min_requests (50).
   */
  static final int DETECTION_RATE = 100;

  static final int CLIENTS = 4;

  private final Path work;
  private final int aborts;
  private final int detections;
  private final ExampleApp exampleApp;

  RollbackSpeed(Path work, int aborts, int detections) {
    this.work = work;
    this.aborts = aborts;
    this.detections = detections;
    this.exampleApp = new ExampleApp(work);
  }

  Result run() throws Exception {
    quietLogs();
    Path state = Files.createDirectories(work.resolve("rollback-agent"));
    List<String> apps = new CopyOnWriteArrayList<>();
    Agent agent = Agent.start(new AgentOptions(new StateDir(state), new HostPort("127.0.0.1", 0)));
    try {
      RolloutEngine engine = agent.engine();
      // The aborts run on their own app while the bad canaries wait out their analysis windows:
      // it halves the section's time, and neither measurement is CPU-bound (see the class comment).
      CompletableFuture<List<Abort>> abortsDone = new CompletableFuture<>();
      Thread.ofPlatform()
          .daemon()
          .name("rollback-aborts")
          .start(
              () -> {
                try {
                  abortsDone.complete(aborts(engine, apps));
                } catch (Exception | Error e) {
                  abortsDone.completeExceptionally(e);
                }
              });
      List<Detection> detectionRuns = detections(engine, apps);
      List<Abort> abortRuns = abortsDone.get(30L * aborts + 120, TimeUnit.SECONDS);
      return new Result(
          abortRuns,
          detectionRuns,
          "[{weight: 10}, {pause: {}}]",
          ABORT_RATE,
          DETECTION_RATE,
          CLIENTS,
          exampleApp.describe());
    } finally {
      for (String app : apps) {
        stop(agent.engine(), app); // the agent leaves revisions running when it closes
      }
      agent.close();
    }
  }

  /** Stops the app's revisions; a rollout still under way (after a failure) is aborted first. */
  private static void stop(RolloutEngine engine, String app) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        engine.stop(app, "bench");
        return;
      } catch (RuntimeException e) {
        if (attempt == 3) {
          System.err.println("rollback speed: could not stop " + app + ": " + e.getMessage());
          return;
        }
        try {
          engine.abort(app, "bench", "the benchmark is stopping");
        } catch (RuntimeException none) {
          // no rollout under way: the stop failed for another reason, try again
        }
        Thread.sleep(3000);
      }
    }
  }

  private List<Abort> aborts(RolloutEngine engine, List<String> apps) throws Exception {
    int port = Subjects.freePort();
    String yaml =
        exampleApp.config(
            "abort",
            port,
            """
        strategy:
          canary:
            steps: [{weight: 10}, {pause: {}}]
        """);
    deployStable(engine, apps, "abort", yaml);
    List<Abort> runs = new ArrayList<>();
    try (PacedLoad load =
        new PacedLoad(
            ExampleApp.url(port), ABORT_RATE, CLIENTS, Duration.ofSeconds(30L * aborts + 30))) {
      Thread.sleep(1000);
      for (int run = 1; run <= aborts; run++) {
        String version = "v2-a" + run;
        CountDownLatch paused = new CountDownLatch(1);
        RolloutListener listener =
            (id, event) -> {
              if (event.step().equals("pause") && event.status() == RolloutEvent.Status.STARTED) {
                paused.countDown();
              }
            };
        CompletableFuture<RolloutRecord> rollout =
            deployAsync(engine, "abort", yaml, version, listener);
        if (!paused.await(60, TimeUnit.SECONDS)) {
          engine.abort("abort", "bench", "the canary never reached its pause");
          throw new IllegalStateException(
              "abort run "
                  + run
                  + ": canary "
                  + version
                  + " did not reach its pause within 60 s; see "
                  + work.resolve("rollback-agent"));
        }
        // A random moment, so the abort lands anywhere in the rollout's 100 ms wait slice.
        Thread.sleep(500 + ThreadLocalRandom.current().nextInt(1000));
        long called = PacedLoad.nowMicros();
        engine.abort("abort", "bench", "rollback-speed benchmark");
        RolloutRecord record = rollout.get(60, TimeUnit.SECONDS);
        Thread.sleep(300); // answers still in flight land in the log
        List<Answer> answers = load.answers();
        long lastCanarySend =
            answers.stream()
                .filter(a -> a.version().equals(version))
                .mapToLong(Answer::sentMicros)
                .max()
                .orElse(Long.MIN_VALUE);
        long canary = answers.stream().filter(a -> a.version().equals(version)).count();
        long failed =
            answers.stream()
                .filter(a -> a.sentIn(micros(record.startedAt()), micros(record.finishedAt())))
                .filter(Answer::failed)
                .count();
        long switched = at(record, "abort");
        Abort abort =
            new Abort(
                run,
                switched == Long.MIN_VALUE ? Double.NaN : (switched - called) / 1000.0,
                lastCanarySend == Long.MIN_VALUE ? Double.NaN : (lastCanarySend - called) / 1000.0,
                canary,
                failed,
                outcome(record));
        runs.add(abort);
        System.err.printf(
            "  abort %2d: traffic back on stable %.1f ms after the abort call, last request"
                + " routed to the canary sent %+.1f ms from it; %d canary answers, %d failed, %s%n",
            run,
            abort.toAbortEventMillis(),
            abort.toLastCanarySendMillis(),
            canary,
            failed,
            abort.outcome());
      }
    }
    return runs;
  }

  private List<Detection> detections(RolloutEngine engine, List<String> apps) throws Exception {
    List<String> bad = List.of("err100", "err20");
    List<Integer> ports = new ArrayList<>();
    List<String> yamls = new ArrayList<>();
    List<CompletableFuture<RolloutRecord>> stables = new ArrayList<>();
    for (String app : bad) {
      int port = Subjects.freePort();
      ports.add(port);
      yamls.add(exampleApp.config(app, port, "strategy: canary\n"));
      apps.add(app);
      stables.add(deployAsync(engine, app, yamls.getLast(), "v1", RolloutListener.none()));
    }
    for (int i = 0; i < bad.size(); i++) {
      requirePromoted(bad.get(i), stables.get(i).get(120, TimeUnit.SECONDS));
    }
    List<Detection> runs = new ArrayList<>();
    Duration bound = Duration.ofSeconds(90L * detections + 30);
    try (PacedLoad load100 =
            new PacedLoad(ExampleApp.url(ports.get(0)), DETECTION_RATE, CLIENTS, bound);
        PacedLoad load20 =
            new PacedLoad(ExampleApp.url(ports.get(1)), DETECTION_RATE, CLIENTS, bound)) {
      List<PacedLoad> loads = List.of(load100, load20);
      Thread.sleep(1000);
      for (int run = 1; run <= detections; run++) {
        List<CompletableFuture<RolloutRecord>> rollouts = new ArrayList<>();
        for (int i = 0; i < bad.size(); i++) {
          rollouts.add(
              deployAsync(
                  engine,
                  bad.get(i),
                  yamls.get(i),
                  "v" + (run + 1) + "-" + bad.get(i),
                  RolloutListener.none()));
        }
        for (int i = 0; i < bad.size(); i++) {
          RolloutRecord record;
          try {
            record = rollouts.get(i).get(150, TimeUnit.SECONDS);
          } catch (java.util.concurrent.TimeoutException e) {
            engine.abort(bad.get(i), "bench", "not decided within 150 s");
            record = rollouts.get(i).get(60, TimeUnit.SECONDS);
          }
          Thread.sleep(300);
          Detection detection =
              detection(
                  bad.get(i),
                  run,
                  "v" + (run + 1) + "-" + bad.get(i),
                  record,
                  loads.get(i).answers());
          runs.add(detection);
          System.err.printf(
              "  %s %d: %s, canary exposed %.1f s (weight → abort), %d measurements, %d of %d"
                  + " requests in the rollout failed (%.2f%%)%n",
              detection.canary(),
              run,
              detection.outcome(),
              detection.exposedSeconds(),
              detection.measurements(),
              detection.failed(),
              detection.requests(),
              100.0 * detection.failed() / Math.max(1, detection.requests()));
        }
      }
    }
    return runs;
  }

  private static Detection detection(
      String canary, int run, String version, RolloutRecord record, List<Answer> answers) {
    long from = micros(record.startedAt());
    long to = micros(record.finishedAt());
    List<Answer> inRollout = answers.stream().filter(a -> a.sentIn(from, to)).toList();
    long weight = at(record, "weight");
    long abort = at(record, "abort");
    List<Answer> exposed =
        weight == Long.MIN_VALUE || abort == Long.MIN_VALUE
            ? List.of()
            : answers.stream().filter(a -> a.sentIn(weight, abort)).toList();
    long lastCanarySend =
        answers.stream()
            .filter(a -> a.version().equals(version))
            .mapToLong(Answer::sentMicros)
            .max()
            .orElse(Long.MIN_VALUE);
    int measurements =
        (int)
            record.events().stream()
                .filter(
                    e -> e.step().equals("analysis") && e.status() == RolloutEvent.Status.PROGRESS)
                .count();
    return new Detection(
        canary,
        run,
        outcome(record),
        weight == Long.MIN_VALUE || abort == Long.MIN_VALUE ? Double.NaN : (abort - weight) / 1e6,
        measurements,
        inRollout.size(),
        inRollout.stream().filter(Answer::failed).count(),
        exposed.size(),
        exposed.stream().filter(Answer::failed).count(),
        answers.stream().filter(a -> a.version().equals(version)).count(),
        lastCanarySend == Long.MIN_VALUE || abort == Long.MIN_VALUE
            ? Double.NaN
            : (lastCanarySend - abort) / 1000.0,
        record.outcomeReason() == null
            ? ""
            : record.outcomeReason().lines().findFirst().orElse(""));
  }

  private void deployStable(RolloutEngine engine, List<String> apps, String app, String yaml) {
    apps.add(app);
    requirePromoted(app, engine.deploy(exampleApp.request(yaml, "v1"), RolloutListener.none()));
  }

  private void requirePromoted(String app, RolloutRecord stable) {
    if (stable.outcome() != Outcome.PROMOTED) {
      throw new IllegalStateException(
          app
              + ": the stable revision v1 did not start ("
              + stable.outcome()
              + ": "
              + stable.outcomeReason()
              + "); see "
              + work.resolve("rollback-agent"));
    }
  }

  private CompletableFuture<RolloutRecord> deployAsync(
      RolloutEngine engine, String app, String yaml, String version, RolloutListener listener) {
    CompletableFuture<RolloutRecord> rollout = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("deploy-" + app)
        .start(
            () -> {
              try {
                rollout.complete(engine.deploy(exampleApp.request(yaml, version), listener));
              } catch (RuntimeException e) {
                rollout.completeExceptionally(e);
              }
            });
    return rollout;
  }

  /** Micros of the first event of {@code step}, or Long.MIN_VALUE when the rollout has none. */
  private static long at(RolloutRecord record, String step) {
    return record.events().stream()
        .filter(e -> e.step().equals(step))
        .findFirst()
        .map(e -> micros(e.at()))
        .orElse(Long.MIN_VALUE);
  }

  private static long micros(java.time.Instant instant) {
    return PacedLoad.micros(instant);
  }

  private static String outcome(RolloutRecord record) {
    return record.outcome() == null
        ? "unfinished"
        : record.outcome().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The engine logs every step at INFO; the bench prints its own progress. */
  private static void quietLogs() {
    Logger.getLogger("").setLevel(Level.WARNING);
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }
}
