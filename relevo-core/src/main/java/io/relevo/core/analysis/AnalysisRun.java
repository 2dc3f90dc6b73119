package io.relevo.core.analysis;

import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.metrics.RevisionStats;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * One execution of an {@link AnalysisTemplate} comparing a canary revision with the stable one.
 *
 * <p>{@link #start} takes the baseline snapshots; each {@link #measure()} judges the window since
 * the last decided (pass or fail) measurement, so while traffic is too thin the window grows
 * instead of being judged on a handful of requests. The run ends:
 *
 * <ul>
 *   <li>{@code FAILED} when failed measurements exceed {@code failure_limit}, or inconclusive ones
 *       in a row exceed the inconclusive limit with policy FAIL;
 *   <li>{@code INCONCLUSIVE} when inconclusive measurements in a row exceed the limit with policy
 *       PAUSE, unless the latest one's values already meet a metric's {@code fail_if}: then {@code
 *       FAILED}, so a canary with thin traffic is never left holding a share while it looks bad;
 *   <li>{@code ERROR} when measurements that could not be taken in a row exceed {@code
 *       consecutive_error_limit};
 *   <li>{@code PASSED} when {@code count} measurements are decided, or on {@link #stop()}.
 * </ul>
 *
 * Thread-safe: a background analysis can be stopped from another thread.
 */
public final class AnalysisRun {

  private final AnalysisTemplate template;
  private final MetricsSource source;
  private final String app;
  private final int canaryRevision;
  private final int stableRevision;
  private final RevisionWindow stableHistory;
  private final InstantSource clock;
  private final List<RuleJudging> judgings = new ArrayList<>();
  private final List<Measurement> measurements = new ArrayList<>();
  private final Instant startedAt;
  private final VerdictTally tally;

  private RevisionStats baseCanary;
  private RevisionStats baseStable;
  private Instant baseAt;
  private AnalysisState state = AnalysisState.RUNNING;
  private String reason = "";
  private AnalysisObserver observer = AnalysisObserver.none();
  private PromQl promql = PromQl.unavailable();

  private AnalysisRun(
      AnalysisTemplate template,
      MetricsSource source,
      String app,
      int canaryRevision,
      int stableRevision,
      RevisionWindow stableHistory,
      InstantSource clock) {
    this.template = template;
    this.source = source;
    this.app = app;
    this.canaryRevision = canaryRevision;
    this.stableRevision = stableRevision;
    this.stableHistory = stableHistory;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.tally = new VerdictTally(template);
    for (MetricRule rule : template.metrics()) {
      judgings.add(RuleJudging.of(template.judge(), rule));
    }
  }

  /**
   * Starts a run now without stable's history; see {@link #start(AnalysisTemplate, MetricsSource,
   * String, int, int, StableHistory, InstantSource)}.
   */
  public static AnalysisRun start(
      AnalysisTemplate template,
      MetricsSource metrics,
      String app,
      int canaryRevision,
      int stableRevision,
      InstantSource clock) {
    return start(
        template, metrics, app, canaryRevision, stableRevision, StableHistory.none(), clock);
  }

  /**
   * Starts a run now: reads both revisions' counters as the baseline of the first window. When the
   * metrics source fails here, that counts as the first error and the next successful measurement
   * becomes the baseline instead.
   *
   * @param history stable's traffic before the run, which judges weigh with its traffic during the
   *     run
   */
  public static AnalysisRun start(
      AnalysisTemplate template,
      MetricsSource metrics,
      String app,
      int canaryRevision,
      int stableRevision,
      StableHistory history,
      InstantSource clock) {
    if (template == null || metrics == null || app == null || clock == null || history == null) {
      throw new IllegalArgumentException("template, metrics, app, history and clock are required");
    }
    AnalysisRun run =
        new AnalysisRun(
            template, metrics, app, canaryRevision, stableRevision, history.window(), clock);
    synchronized (run) {
      try {
        run.baseline(run.read(canaryRevision), run.read(stableRevision), run.startedAt);
      } catch (SourceFailed e) {
        run.record(run.unreadable(run.startedAt, e));
      }
    }
    return run;
  }

  /** Has {@code observer} hear every measurement from now on; returns this run. */
  public synchronized AnalysisRun observedBy(AnalysisObserver observer) {
    this.observer = observer == null ? AnalysisObserver.none() : observer;
    return this;
  }

  /**
   * Runs the PromQL rules' queries through {@code client} from now on (without one they error);
   * returns this run.
   */
  public synchronized AnalysisRun queryingWith(PromQl client) {
    this.promql = client == null ? PromQl.unavailable() : client;
    return this;
  }

  /**
   * Takes one measurement now and updates the run's state.
   *
   * @throws IllegalStateException when the run has ended
   */
  public synchronized Measurement measure() {
    if (state.isFinal()) {
      throw new IllegalStateException(
          "analysis " + template.name() + " is " + state + " (expected: RUNNING; start a new run)");
    }
    Instant now = clock.instant();
    RevisionStats canary;
    RevisionStats stable;
    try {
      canary = read(canaryRevision);
      stable = read(stableRevision);
    } catch (SourceFailed e) {
      return record(unreadable(now, e));
    }
    if (baseCanary == null) {
      baseline(canary, stable, now);
      return record(
          evidenceOfAll(
              now,
              Duration.ZERO,
              Verdict.INCONCLUSIVE,
              "window starts now: the baseline could not be read before"));
    }
    Duration window = Duration.between(baseAt, now);
    RevisionWindow canaryWindow = RevisionWindow.between(baseCanary, canary);
    RevisionWindow stableWindow = RevisionWindow.between(baseStable, stable);
    List<MetricEvidence> evidence = new ArrayList<>();
    for (int i = 0; i < judgings.size(); i++) {
      MetricRule rule = template.metrics().get(i);
      Observation observation =
          new Observation(
              rule,
              template.minRequests(),
              canary,
              stable,
              canaryWindow,
              stableWindow,
              stableHistory,
              window,
              Duration.between(startedAt, now),
              app,
              canaryRevision,
              stableRevision,
              now,
              promql);
      try {
        evidence.add(judgings.get(i).judge(observation));
      } catch (RuntimeException e) {
        evidence.add(observation.evidence(0, 0, Verdict.ERROR, "could not compute: " + e));
      }
    }
    Measurement measurement =
        new Measurement(
            measurements.size() + 1, now, window, Measurement.overall(evidence), evidence);
    if (measurement.verdict() == Verdict.PASS || measurement.verdict() == Verdict.FAIL) {
      baseCanary = canary;
      baseStable = stable;
      baseAt = now;
    }
    return record(measurement);
  }

  /**
   * Ends a running run (a background analysis at promotion, a watch whose time is up): PASSED when
   * at least one measurement was decided and the run had not failed; FAILED when the latest
   * measurement was inconclusive but its values meet a metric's {@code fail_if} (the canary looks
   * bad on thin evidence: never passed on doubt); INCONCLUSIVE otherwise. No effect once ended.
   */
  public synchronized void stop() {
    if (state == AnalysisState.RUNNING) {
      end(tally.stopped(measurements));
    }
  }

  /**
   * Counts the measurements that an earlier run of the same analysis decided (before an agent
   * restart) towards {@code count} and {@code failure_limit}. This run's window still starts at its
   * own start: traffic before the restart is not judged again. Call before the first {@link
   * #measure()}.
   */
  public synchronized void countEarlier(int passedBefore, int failedBefore) {
    tally.countEarlier(passedBefore, failedBefore);
  }

  /** Measurements that passed, those counted from an earlier run included. */
  public synchronized int passed() {
    return tally.passed();
  }

  /** Measurements that failed, those counted from an earlier run included. */
  public synchronized int failed() {
    return tally.failed();
  }

  public synchronized AnalysisState state() {
    return state;
  }

  /**
   * Why the run ended, with the evidence of the deciding measurement, e.g. {@code analysis default
   * failed: 2 failed measurements (failure limit 1); error-rate: canary 7.2% vs stable 0.4% (fail
   * if canary - stable > 0.05) over 10s, 812 vs 7301 requests}. Empty while running.
   */
  public synchronized String reason() {
    return reason;
  }

  /** Every measurement so far, oldest first. */
  public synchronized List<Measurement> measurements() {
    return List.copyOf(measurements);
  }

  public AnalysisTemplate template() {
    return template;
  }

  private Measurement record(Measurement m) {
    measurements.add(m);
    try {
      observer.measured(app, template.name(), canaryRevision, stableRevision, m);
    } catch (RuntimeException e) {
      // an observer is told it must not throw; the analysis goes on regardless
    }
    tally.count(m).ifPresent(this::end);
    return m;
  }

  private void end(VerdictTally.Ending ending) {
    this.state = ending.state();
    this.reason = "analysis " + template.name() + " " + ending.why();
  }

  private void baseline(RevisionStats canary, RevisionStats stable, Instant at) {
    baseCanary = canary;
    baseStable = stable;
    baseAt = at;
    for (RuleJudging judging : judgings) {
      judging.begin(canary, stable);
    }
  }

  private RevisionStats read(int revision) throws SourceFailed {
    try {
      RevisionStats stats = source.snapshot(app, revision);
      if (stats == null) {
        throw new IllegalStateException("no counters (null)");
      }
      return stats;
    } catch (RuntimeException e) {
      throw new SourceFailed(
          "reading revision "
              + revision
              + " of "
              + app
              + " failed: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  private Measurement unreadable(Instant now, SourceFailed e) {
    Duration window = baseAt == null ? Duration.ZERO : Duration.between(baseAt, now);
    return evidenceOfAll(now, window, Verdict.ERROR, e.getMessage());
  }

  private Measurement evidenceOfAll(Instant now, Duration window, Verdict verdict, String why) {
    List<MetricEvidence> evidence =
        template.metrics().stream()
            .map(
                rule ->
                    new MetricEvidence(
                        rule.name(),
                        rule.metric(),
                        0,
                        0,
                        0,
                        0,
                        rule.failIf(),
                        window,
                        verdict,
                        why))
            .toList();
    return new Measurement(measurements.size() + 1, now, window, verdict, evidence);
  }

  /** The metrics source threw; a checked type so every read handles it. */
  private static final class SourceFailed extends Exception {
    SourceFailed(String message) {
      super(message, null, false, false);
    }
  }
}
