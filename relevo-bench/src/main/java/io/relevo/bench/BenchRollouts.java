package io.relevo.bench;

import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the rollback benchmarks do with the in-process agent's engine, and read from its records.
 */
final class BenchRollouts {

  private BenchRollouts() {}

  /** Deploys on a thread of its own; the future completes when the rollout ends. */
  static CompletableFuture<RolloutRecord> deployAsync(
      RolloutEngine engine,
      ExampleApp exampleApp,
      String app,
      String yaml,
      String version,
      RolloutListener listener) {
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

  /** Throws, naming the state folder, unless the app's first revision was promoted. */
  static void requirePromoted(String app, String version, RolloutRecord stable, Path state) {
    if (stable.outcome() != Outcome.PROMOTED) {
      throw new IllegalStateException(
          app
              + ": the stable revision "
              + version
              + " did not start ("
              + stable.outcome()
              + ": "
              + stable.outcomeReason()
              + "); see "
              + state);
    }
  }

  /** Stops the app's revisions; a rollout still under way (after a failure) is aborted first. */
  static void stop(RolloutEngine engine, String app) throws InterruptedException {
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

  /** The first event of {@code step}, if the rollout has one. */
  static Optional<RolloutEvent> first(RolloutRecord record, String step) {
    return record.events().stream().filter(e -> e.step().equals(step)).findFirst();
  }

  /** Micros of the first event of {@code step}, or Long.MIN_VALUE when the rollout has none. */
  static long at(RolloutRecord record, String step) {
    return first(record, step).map(e -> micros(e.at())).orElse(Long.MIN_VALUE);
  }

  static long micros(Instant instant) {
    return PacedLoad.micros(instant);
  }

  /** {@code rolled_back}, {@code promoted}, …, or {@code unfinished}. */
  static String outcome(RolloutRecord record) {
    return record.outcome() == null
        ? "unfinished"
        : record.outcome().name().toLowerCase(Locale.ROOT);
  }
}
