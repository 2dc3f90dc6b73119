package io.relevo.bench;

import io.relevo.bench.RollbackSpeedResults.Abort;
import io.relevo.bench.RollbackSpeedResults.CanaryRun;
import io.relevo.bench.RollbackSpeedResults.Result;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.server.Agent;
import io.relevo.server.AgentOptions;
import io.relevo.server.StateDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rollback speed: an in-process agent, the example app (alojamientos) as real processes, paced load
 * through the agent's proxy from {@link PacedLoad}.
 *
 * <ul>
 *   <li><b>Aborts</b> of a healthy canary by hand ({@link AbortSpeed}), on one app.
 *   <li><b>The default analysis</b> ({@link CanaryTrial}): each {@link CanaryKind} (100% 5xx, 20%
 *       5xx, good) on an app of its own, the three side by side, one run after the other.
 * </ul>
 *
 * <p>The aborts run on their own thread while the canaries are under analysis: neither is CPU-bound
 * (an abort waits for the rollout's next look at its controls, the analysis for its measurements),
 * and it keeps the section as long as its slowest canary.
 */
final class RollbackSpeed {

  /** Paced load per canary app; 10% of it is 10 canary requests a second. */
  static final int CANARY_RATE = 100;

  static final int CLIENTS = 4;

  private final Path work;
  private final int aborts;
  private final int canaryRuns;
  private final ExampleApp exampleApp;

  RollbackSpeed(Path work, int aborts, int canaryRuns) {
    this.work = work;
    this.aborts = aborts;
    this.canaryRuns = canaryRuns;
    this.exampleApp = new ExampleApp(work);
  }

  Result run() throws Exception {
    quietLogs();
    Path state = Files.createDirectories(work.resolve("rollback-agent"));
    try (Agent agent =
        Agent.start(new AgentOptions(new StateDir(state), new HostPort("127.0.0.1", 0)))) {
      RolloutEngine engine = agent.engine();
      CompletableFuture<List<Abort>> abortsDone =
          onThread(
              "rollback-aborts",
              () -> new AbortSpeed(engine, exampleApp, state, CLIENTS).run(aborts));
      CanaryTrial trial = new CanaryTrial(engine, exampleApp, state, CANARY_RATE, CLIENTS);
      List<CanaryRun> canaries = new ArrayList<>();
      long bound = CanaryTrial.BOUND.toSeconds() + 300;
      for (int run = 1; run <= canaryRuns; run++) {
        int thisRun = run;
        List<CompletableFuture<CanaryRun>> side = new ArrayList<>();
        for (CanaryKind kind : CanaryKind.ALL) {
          side.add(onThread("canary-" + kind.app(run), () -> trial.run(kind, thisRun)));
        }
        for (CompletableFuture<CanaryRun> done : side) {
          CanaryRun canary = done.get(bound, TimeUnit.SECONDS);
          canaries.add(canary);
          System.err.println(CanaryTrial.progressLine(canary));
        }
      }
      List<Abort> abortRuns = abortsDone.get(30L * aborts + 120, TimeUnit.SECONDS);
      return new Result(
          abortRuns,
          canaries,
          AbortSpeed.STEPS,
          AbortSpeed.RATE,
          CANARY_RATE,
          CLIENTS,
          CanaryTrial.BOUND.toSeconds(),
          exampleApp.describe());
    }
  }

  /** Work that may throw, for {@link #onThread}. */
  interface Work<T> {
    T call() throws Exception;
  }

  private static <T> CompletableFuture<T> onThread(String name, Work<T> work) {
    CompletableFuture<T> done = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name(name)
        .start(
            () -> {
              try {
                done.complete(work.call());
              } catch (Exception | Error e) {
                done.completeExceptionally(e);
              }
            });
    return done;
  }

  /** The engine logs every step at INFO; the bench prints its own progress. */
  private static void quietLogs() {
    Logger.getLogger("").setLevel(Level.WARNING);
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }
}
