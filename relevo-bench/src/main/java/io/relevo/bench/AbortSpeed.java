package io.relevo.bench;

import io.relevo.bench.RollbackSpeedResults.Abort;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Aborts of a healthy canary at 10% ({@code steps: [{weight: 10}, {pause: {}}]}) on an app of their
 * own: {@code engine.abort} at a random moment 0.5–1.5 s after the canary took traffic, measured
 * from the abort call to the send time of the last request the canary answered (the abort switches
 * traffic in the calling thread) and to the {@code abort} event (the rollout's thread has noticed).
 */
final class AbortSpeed {

  /** 10% of it is 50 canary requests a second, so "last canary request" is ~20 ms fine. */
  static final int RATE = 500;

  static final String STEPS = "[{weight: 10}, {pause: {}}]";

  private static final String APP = "abort";

  private final RolloutEngine engine;
  private final ExampleApp exampleApp;
  private final Path state;
  private final int clients;

  AbortSpeed(RolloutEngine engine, ExampleApp exampleApp, Path state, int clients) {
    this.engine = engine;
    this.exampleApp = exampleApp;
    this.state = state;
    this.clients = clients;
  }

  List<Abort> run(int aborts) throws Exception {
    try {
      return aborts(aborts);
    } finally {
      BenchRollouts.stop(engine, APP);
    }
  }

  private List<Abort> aborts(int aborts) throws Exception {
    int port = Subjects.freePort();
    String yaml = exampleApp.config(APP, port, "strategy:\n  canary:\n    steps: " + STEPS + "\n");
    BenchRollouts.requirePromoted(
        APP, "v1", engine.deploy(exampleApp.request(yaml, "v1"), RolloutListener.none()), state);
    List<Abort> runs = new ArrayList<>();
    try (PacedLoad load =
        new PacedLoad(ExampleApp.url(port), RATE, clients, Duration.ofSeconds(30L * aborts + 30))) {
      Thread.sleep(1000);
      for (int run = 1; run <= aborts; run++) {
        Abort abort = abort(run, yaml, load);
        runs.add(abort);
        System.err.printf(
            "  abort %2d: traffic back on stable %.1f ms after the abort call, last request"
                + " routed to the canary sent %+.1f ms from it; %d canary answers, %d failed, %s%n",
            run,
            abort.toAbortEventMillis(),
            abort.toLastCanarySendMillis(),
            abort.canaryAnswers(),
            abort.failed(),
            abort.outcome());
      }
    }
    return runs;
  }

  private Abort abort(int run, String yaml, PacedLoad load) throws Exception {
    String version = "v2-a" + run;
    CountDownLatch paused = new CountDownLatch(1);
    RolloutListener listener =
        (id, event) -> {
          if (event.step().equals("pause") && event.status() == RolloutEvent.Status.STARTED) {
            paused.countDown();
          }
        };
    CompletableFuture<RolloutRecord> rollout =
        BenchRollouts.deployAsync(engine, exampleApp, APP, yaml, version, listener);
    if (!paused.await(60, TimeUnit.SECONDS)) {
      engine.abort(APP, "bench", "the canary never reached its pause");
      throw new IllegalStateException(
          "abort run "
              + run
              + ": canary "
              + version
              + " did not reach its pause within 60 s; see "
              + state);
    }
    // A random moment, so the abort lands anywhere in the rollout's 100 ms wait slice.
    Thread.sleep(500 + ThreadLocalRandom.current().nextInt(1000));
    long called = PacedLoad.nowMicros();
    engine.abort(APP, "bench", "rollback-speed benchmark");
    RolloutRecord record = rollout.get(60, TimeUnit.SECONDS);
    Thread.sleep(300); // answers still in flight land in the log
    List<Answer> answers = load.answers();
    List<Answer> canary = answers.stream().filter(a -> a.version().equals(version)).toList();
    long lastCanarySend =
        canary.stream().mapToLong(Answer::sentMicros).max().orElse(Long.MIN_VALUE);
    long failed =
        answers.stream()
            .filter(
                a ->
                    a.sentIn(
                        BenchRollouts.micros(record.startedAt()),
                        BenchRollouts.micros(record.finishedAt())))
            .filter(Answer::failed)
            .count();
    long switched = BenchRollouts.at(record, "abort");
    return new Abort(
        run,
        switched == Long.MIN_VALUE ? Double.NaN : (switched - called) / 1000.0,
        lastCanarySend == Long.MIN_VALUE ? Double.NaN : (lastCanarySend - called) / 1000.0,
        canary.size(),
        failed,
        BenchRollouts.outcome(record));
  }
}
