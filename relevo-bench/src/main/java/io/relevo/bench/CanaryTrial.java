package io.relevo.bench;

import io.relevo.bench.RollbackSpeedResults.CanaryRun;
import io.relevo.bench.RollbackSpeedResults.Ending;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One canary under the default analysis, on an app of its own: the stable revision, paced load
 * through the agent's proxy, then the canary with {@code strategy: canary} and no {@code analysis}
 * section, so the engine judges it by whatever {@code AnalysisTemplate.defaults()} is. Every wait
 * is bounded: a canary not decided within {@link #BOUND} of taking traffic is aborted by the
 * benchmark and reported as {@link Ending#UNDECIDED}.
 */
final class CanaryTrial {

  /** From the canary's first share of traffic to the benchmark giving up on a decision. */
  static final Duration BOUND = Duration.ofSeconds(120);

  /** For the canary to start and become ready, before it takes traffic. */
  private static final Duration START_BOUND = Duration.ofSeconds(60);

  /** Load on stable alone before the canary starts, so stable has a history to compare with. */
  private static final Duration STABLE_FIRST = Duration.ofSeconds(3);

  private final RolloutEngine engine;
  private final ExampleApp exampleApp;
  private final Path state;
  private final int rate;
  private final int clients;

  CanaryTrial(RolloutEngine engine, ExampleApp exampleApp, Path state, int rate, int clients) {
    this.engine = engine;
    this.exampleApp = exampleApp;
    this.state = state;
    this.rate = rate;
    this.clients = clients;
  }

  CanaryRun run(CanaryKind kind, int run) throws Exception {
    String app = kind.app(run);
    try {
      int port = Subjects.freePort();
      String yaml = exampleApp.config(app, port, "strategy: canary\n");
      BenchRollouts.requirePromoted(
          app,
          kind.stableVersion(),
          engine.deploy(exampleApp.request(yaml, kind.stableVersion()), RolloutListener.none()),
          state);
      Duration loadBound = STABLE_FIRST.plus(START_BOUND).plus(BOUND).plusSeconds(90);
      try (PacedLoad load = new PacedLoad(ExampleApp.url(port), rate, clients, loadBound)) {
        Thread.sleep(STABLE_FIRST.toMillis());
        return canary(kind, run, app, yaml, load);
      }
    } finally {
      BenchRollouts.stop(engine, app); // the agent leaves revisions running when it closes
    }
  }

  private CanaryRun canary(CanaryKind kind, int run, String app, String yaml, PacedLoad load)
      throws Exception {
    String version = kind.canaryVersion(run);
    DeployRequest request = exampleApp.request(yaml, version);
    CompletableFuture<Long> tookTraffic = new CompletableFuture<>();
    RolloutListener listener =
        (id, event) -> {
          if (takesTraffic(event)) {
            tookTraffic.complete(System.nanoTime());
          }
        };
    CompletableFuture<RolloutRecord> rollout =
        BenchRollouts.deployAsync(engine, exampleApp, app, yaml, version, listener);
    String undecided = null;
    try {
      CompletableFuture.anyOf(tookTraffic, rollout).get(START_BOUND.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      undecided = "it took no traffic within " + START_BOUND.toSeconds() + " s of the deploy";
    }
    if (undecided == null && tookTraffic.isDone()) {
      long left = tookTraffic.get() + BOUND.toNanos() - System.nanoTime();
      try {
        rollout.get(Math.max(0, left), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        undecided = "not decided within " + BOUND.toSeconds() + " s of taking traffic";
      }
    }
    if (undecided != null) {
      engine.abort(app, "bench", undecided);
    }
    RolloutRecord record = rollout.get(60, TimeUnit.SECONDS);
    Thread.sleep(300); // answers still in flight land in the log
    return measure(kind, run, version, record, undecided, request, load.answers());
  }

  private static CanaryRun measure(
      CanaryKind kind,
      int run,
      String version,
      RolloutRecord record,
      String undecided,
      DeployRequest request,
      List<Answer> answers) {
    Ending ending = ending(record, undecided);
    long from =
        record.events().stream()
            .filter(CanaryTrial::takesTraffic)
            .findFirst()
            .map(e -> BenchRollouts.micros(e.at()))
            .orElse(Long.MIN_VALUE);
    long to = BenchRollouts.at(record, ending == Ending.PROMOTED ? "switch" : "abort");
    if (to == Long.MIN_VALUE && record.finishedAt() != null) {
      to = BenchRollouts.micros(record.finishedAt());
    }
    boolean exposed = from != Long.MIN_VALUE && to != Long.MIN_VALUE;
    long end = to;
    List<Answer> during =
        exposed ? answers.stream().filter(a -> a.sentIn(from, end)).toList() : List.of();
    List<Answer> canary = answers.stream().filter(a -> a.version().equals(version)).toList();
    long lastCanarySend =
        canary.stream().mapToLong(Answer::sentMicros).max().orElse(Long.MIN_VALUE);
    return new CanaryRun(
        kind,
        run,
        version,
        ending,
        exposed ? (to - from) / 1e6 : Double.NaN,
        during.size(),
        during.stream().filter(Answer::failed).count(),
        canary.size(),
        lastCanarySend == Long.MIN_VALUE || !exposed ? Double.NaN : (lastCanarySend - to) / 1000.0,
        undecided != null
            ? undecided + "; last analysis event: " + lastAnalysis(record)
            : reason(record),
        AnalysisSeen.in(record, request.config()));
  }

  private static Ending ending(RolloutRecord record, String undecided) {
    if (undecided != null) {
      return Ending.UNDECIDED;
    }
    return record.outcome() == Outcome.PROMOTED
        ? Ending.PROMOTED
        : record.outcome() == Outcome.ROLLED_BACK ? Ending.ROLLED_BACK : Ending.REFUSED;
  }

  /** A {@code weight} event that gives the canary a share: {@code 10% of traffic on canary …}. */
  private static boolean takesTraffic(RolloutEvent event) {
    return event.step().equals("weight")
        && event.message() != null
        && !event.message().startsWith("0%");
  }

  private static String reason(RolloutRecord record) {
    return record.outcomeReason() == null
        ? ""
        : record.outcomeReason().lines().findFirst().orElse("");
  }

  private static String lastAnalysis(RolloutRecord record) {
    return record.events().reversed().stream()
        .filter(e -> e.step().equals("analysis") && e.message() != null)
        .findFirst()
        .map(e -> e.message().replace('\n', ' '))
        .orElse("none");
  }

  /** The trial's one line on stderr; a surprise is written so that it cannot be missed. */
  static String progressLine(CanaryRun r) {
    return String.format(
        "  %-6s run %d (%s): %s; exposed %.1f s, %d of %d requests sent meanwhile failed"
            + " (%.2f%%)%s",
        r.kind().name(),
        r.run(),
        r.version(),
        r.result(BOUND.toSeconds()),
        r.exposedSeconds(),
        r.exposedFailed(),
        r.exposedRequests(),
        100 * r.failedShare(),
        r.asExpected() ? "" : "\n  !!! " + r.kind().name() + " run " + r.run() + ": " + r.reason());
  }
}
