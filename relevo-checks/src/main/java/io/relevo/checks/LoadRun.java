package io.relevo.checks;

import io.relevo.core.analysis.LoadSpec;
import io.relevo.core.load.SyntheticLoad;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.runtime.Endpoint;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One analysis' load: one scheduler thread ({@code relevo-load-APP}) sends each target's requests
 * at fixed times and never waits for an answer (open loop: a slow revision gets as many requests as
 * a fast one, and its slowness shows in latency and timeouts, not in a lower rate). Answers are
 * counted on the client's virtual threads. Sending stops on {@link #close()} or after {@code
 * maxRun}; then requests still open get {@link #DRAIN} to finish before they are cut off,
 * uncounted.
 */
final class LoadRun implements SyntheticLoad.Running {

  /** How long a stopping load waits for requests in flight before it cuts them off. */
  static final Duration DRAIN = Duration.ofMillis(500);

  private static final Logger log = LoggerFactory.getLogger(LoadRun.class);

  /** SENDING → DRAINING (no new requests) → CLOSED (open requests cut off, not counted). */
  private enum State {
    SENDING,
    DRAINING,
    CLOSED
  }

  private final String app;
  private final Duration timeout;
  private final Duration maxRun;
  private final Map<Integer, LoadTarget> targets;
  private final ScheduledThreadPoolExecutor scheduler;
  private final HttpClient client;
  private final AtomicReference<State> state = new AtomicReference<>(State.SENDING);
  private final List<ScheduledFuture<?>> ticks = new ArrayList<>();

  private LoadRun(String app, Duration timeout, Duration maxRun, Map<Integer, LoadTarget> targets) {
    this.app = app;
    this.timeout = timeout;
    this.maxRun = maxRun;
    this.targets = targets;
    this.scheduler =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("relevo-load-" + app).daemon(true).factory());
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .executor(
                Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("relevo-load-" + app + "-", 0).factory()))
            .build();
  }

  static LoadRun start(
      String app,
      LoadSpec spec,
      Map<Integer, Endpoint> endpoints,
      Duration timeout,
      Duration maxRun,
      int maxInFlight) {
    // At low rates, rate × timeout requests open means the oldest is about to time out anyway.
    double openIfAllTimeOut = spec.ratePerSecond() * timeout.toMillis() / 1000.0;
    int maxOpen = (int) Math.min(maxInFlight, Math.max(1, Math.ceil(openIfAllTimeOut)));
    Map<Integer, LoadTarget> targets = new LinkedHashMap<>();
    endpoints.forEach(
        (revision, endpoint) ->
            targets.put(
                revision,
                LoadTarget.of(app, revision, endpoint, spec, timeout, new LoadCounters(maxOpen))));
    LoadRun run = new LoadRun(app, timeout, maxRun, Map.copyOf(targets));
    run.schedule(spec.ratePerSecond());
    return run;
  }

  /** Each target on its own beat, the beats spread over one period so requests do not bunch. */
  private synchronized void schedule(double rate) {
    long period = Math.max(1, Math.round(1e9 / rate));
    int i = 0;
    for (LoadTarget target : targets.values()) {
      long offset = period * i++ / targets.size();
      ticks.add(
          scheduler.scheduleAtFixedRate(() -> beat(target), offset, period, TimeUnit.NANOSECONDS));
    }
    ticks.add(scheduler.schedule(this::expire, maxRun.toNanos(), TimeUnit.NANOSECONDS));
  }

  /** A beat that throws is never run again: a surprise is logged and the next beat sends. */
  private void beat(LoadTarget target) {
    try {
      send(target);
    } catch (RuntimeException e) {
      log.warn("synthetic load of {} revision {}: cannot send", app, target.revision(), e);
    }
  }

  /** One request, on the scheduler's thread. */
  private void send(LoadTarget target) {
    if (state.get() != State.SENDING) {
      return;
    }
    LoadCounters counters = target.counters();
    if (target.request() == null) {
      counters.connectFailed(counters.begin(System.nanoTime()));
      return;
    }
    long start = System.nanoTime();
    long token = counters.begin(start);
    if (token < 0) {
      return; // counted as a timeout: the revision still holds the most requests we leave open
    }
    CompletableFuture<HttpResponse<Void>> response;
    try {
      response = client.sendAsync(target.request(), HttpResponse.BodyHandlers.discarding());
    } catch (RuntimeException e) {
      ended(counters, token, start, null, e);
      return;
    }
    ScheduledFuture<?> deadline;
    try {
      // The request's own timeout stops at the headers; this one covers the body too.
      deadline =
          scheduler.schedule(() -> response.cancel(true), timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopping) {
      response.cancel(true);
      counters.abandoned(token);
      return;
    }
    response.whenComplete(
        (answer, failure) -> {
          deadline.cancel(false);
          ended(counters, token, start, answer, failure);
        });
  }

  private void ended(
      LoadCounters counters, long token, long start, HttpResponse<Void> answer, Throwable failure) {
    if (state.get() == State.CLOSED) {
      counters.abandoned(token);
    } else if (failure == null) {
      counters.answered(token, answer.statusCode(), (System.nanoTime() - start) / 1_000);
    } else if (isTimeout(failure)) {
      counters.timedOut(token);
    } else {
      counters.connectFailed(token);
    }
  }

  private static boolean isTimeout(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof HttpConnectTimeoutException) {
      return false; // never reached the revision, as the proxy's 502
    }
    return cause instanceof CancellationException || cause instanceof HttpTimeoutException;
  }

  @Override
  public RevisionStats snapshot(String app, int revision) {
    LoadTarget target = this.app.equals(app) ? targets.get(revision) : null;
    if (target == null) {
      return RevisionStats.empty();
    }
    try {
      return target.counters().snapshot(System.nanoTime());
    } catch (RuntimeException e) {
      // The port says a source answers; a bug here must not fail the analysis' measurement.
      log.warn("synthetic load of {} revision {}: cannot read its counters", app, revision, e);
      return RevisionStats.empty();
    }
  }

  /**
   * Stops sending, waits up to {@link #DRAIN} for requests in flight (counted), then cuts off the
   * rest (uncounted) and frees the thread and connections. Returns within about a second.
   */
  @Override
  public void close() {
    stopSending();
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (state.get() == State.DRAINING && open() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    cutOff();
    try {
      scheduler.awaitTermination(250, TimeUnit.MILLISECONDS);
      client.awaitTermination(Duration.ofMillis(250));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The hard cap: a load nobody closed stops by itself. */
  private void expire() {
    if (state.get() == State.SENDING) {
      log.warn(
          "synthetic load of {} stopped after {}: nobody closed it (an analysis left open?)",
          app,
          Http.human(maxRun));
      stopSending();
      scheduler.schedule(this::cutOff, DRAIN.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private synchronized void stopSending() {
    if (state.compareAndSet(State.SENDING, State.DRAINING)) {
      ticks.forEach(tick -> tick.cancel(false));
    }
  }

  private void cutOff() {
    state.set(State.CLOSED);
    scheduler.shutdownNow();
    client.shutdownNow();
  }

  private int open() {
    return targets.values().stream().mapToInt(t -> t.counters().open()).sum();
  }
}
