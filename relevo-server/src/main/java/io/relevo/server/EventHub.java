package io.relevo.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.relevo.core.analysis.Measurement;
import io.relevo.core.analysis.MetricEvidence;
import io.relevo.core.engine.AppStatus;
import io.relevo.core.engine.EngineEvents;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent;
import io.relevo.server.v1.AppView;
import io.relevo.server.v1.RolloutEventView;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's event streams, one {@link AppFeed} per app: hears the engine ({@link EngineEvents})
 * and keeps what it hears as {@code rollout}, {@code weights} and {@code analysis} messages; reads
 * each app's status again after each of them and every second while anyone listens, and keeps a
 * {@code status} message when it changed; sends a {@code traffic} message every second while anyone
 * listens. The engine's threads only number and queue messages here; statuses and traffic are read
 * on the hub's own thread.
 */
final class EventHub implements EngineEvents, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventHub.class);

  /** Messages kept per app for clients that reconnect. */
  static final int KEPT = 1000;

  /** Data kept per app at most, whatever the number of messages. */
  static final long KEPT_BYTES = 1 << 20;

  /**
   * Data kept for all apps together: with many apps each keeps its share of it (but {@link
   * #KEPT_BYTES_LEAST} at least), so that 100 apps under analysis do not fill the agent's heap with
   * messages kept for clients that may never reconnect.
   */
  static final long KEPT_BYTES_ALL = 16 << 20;

  /** Data an app keeps however many apps share the budget: a few rollout steps' messages. */
  static final long KEPT_BYTES_LEAST = 64 << 10;

  /** Messages a client may fall behind before its stream is ended. */
  static final int CLIENT_QUEUE = 256;

  /** How long after a change the app's status is read again. */
  static final Duration STATUS_DELAY = Duration.ofMillis(200);

  private final String bootId = UUID.randomUUID().toString().substring(0, 8);
  private final Supplier<RolloutEngine> engine;
  private final Function<AppStatus, Object> wire;
  private final MetricsSource metrics;
  private final InstantSource clock;
  private final Map<String, App> apps = new ConcurrentHashMap<>();
  private final Map<String, String> versions = new ConcurrentHashMap<>();
  private final ScheduledExecutorService thread;
  private volatile boolean closed;

  /** One app's feed, its traffic sampler and whether a status read is already queued. */
  private record App(AppFeed feed, TrafficSampler sampler, AtomicBoolean statusQueued) {}

  private EventHub(
      Supplier<RolloutEngine> engine,
      Function<AppStatus, Object> wire,
      MetricsSource metrics,
      InstantSource clock) {
    this.engine = engine;
    this.wire = wire;
    this.metrics = metrics;
    this.clock = clock;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("relevo-events").unstarted(r));
    thread.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * A hub over the engine {@code engine} supplies (set once the engine is built from parts that
   * hold this hub), statuses written as {@code GET /api/v1/apps/{app}} answers them, traffic read
   * from {@code metrics}.
   */
  static EventHub create(Supplier<RolloutEngine> engine, MetricsSource metrics) {
    return new EventHub(engine, AppView::of, metrics, InstantSource.system());
  }

  /** A hub the engine does not tell of anything: it streams statuses only. */
  static EventHub detached(RolloutEngine engine) {
    return create(() -> engine, (app, revision) -> RevisionStats.empty());
  }

  /** {@code stable} for the split's first revision, {@code canary} for any other. */
  static String role(int index) {
    return index == 0 ? "stable" : "canary";
  }

  /** How many clients stream {@code app}'s events now. */
  int subscribers(String app) {
    App a = apps.get(app);
    return a == null ? 0 : a.feed().subscribers();
  }

  /** This boot's id, the first part of every message id. */
  String bootId() {
    return bootId;
  }

  /**
   * Subscribes to {@code app}'s stream (see {@link AppFeed#subscribe}).
   *
   * @throws io.relevo.core.RelevoException NOT_FOUND for an app the agent does not know
   */
  EventSubscriber subscribe(String app, String lastEventId) {
    String status = statusJson(engine.get().status(app)); // throws NOT_FOUND first
    boolean[] fresh = {true};
    EventSubscriber subscriber =
        app(app)
            .feed()
            .subscribe(
                lastEventId,
                () -> {
                  if (fresh[0]) {
                    fresh[0] = false;
                    return status;
                  }
                  return statusJson(engine.get().status(app));
                });
    if (closed) {
      subscriber.end("the agent is stopping");
    }
    return subscriber;
  }

  @Override
  public void rollout(String app, long rolloutId, RolloutEvent event) {
    App a = app(app);
    boolean finished =
        event.step().equals("rollout")
            && (event.status() == RolloutEvent.Status.OK
                || event.status() == RolloutEvent.Status.FAILED);
    synchronized (a.feed()) {
      a.feed().publish("rollout", EventJson.rollout(rolloutId, RolloutEventView.of(event)));
      a.feed().rolloutEvent(rolloutId, finished);
    }
    queueStatus(app, a);
  }

  @Override
  public void weights(String app, TrafficSplit split) {
    App a = app(app);
    List<EventData.Share> shares = new ArrayList<>();
    List<TrafficSplit.Backend> backends = split.backends();
    for (int i = 0; i < backends.size(); i++) {
      TrafficSplit.Backend b = backends.get(i);
      shares.add(
          new EventData.Share(b.revision(), version(app, b.revision()), role(i), b.weight()));
    }
    synchronized (a.feed()) {
      a.feed()
          .publish(
              "weights",
              json(new EventData.Weights(a.feed().activeRollout(), clock.instant(), shares)));
    }
    queueStatus(app, a);
  }

  @Override
  public void measured(
      String app, String analysis, int canaryRevision, int stableRevision, Measurement m) {
    AppFeed feed = app(app).feed();
    synchronized (feed) {
      for (MetricEvidence evidence : m.metrics()) {
        feed.publish(
            "analysis",
            EventJson.analysis(
                EventData.Analysis.of(
                    feed.lastRollout(),
                    m.at(),
                    analysis,
                    canaryRevision,
                    stableRevision,
                    evidence)));
      }
    }
  }

  private App app(String app) {
    return apps.computeIfAbsent(
        app,
        name ->
            new App(
                new AppFeed(bootId, KEPT, this::keptBytesPerApp, CLIENT_QUEUE),
                new TrafficSampler(name, metrics),
                new AtomicBoolean()));
  }

  /** Each app's share of {@link #KEPT_BYTES_ALL}, between the least and the most one keeps. */
  long keptBytesPerApp() {
    return keptBytesPerApp(apps.size());
  }

  static long keptBytesPerApp(int apps) {
    return Math.clamp(KEPT_BYTES_ALL / Math.max(1, apps), KEPT_BYTES_LEAST, KEPT_BYTES);
  }

  private String version(String app, int revision) {
    String key = app + "/" + revision;
    String known = versions.get(key);
    if (known != null) {
      return known;
    }
    try {
      String version = engine.get().revision(app, revision).version();
      versions.put(key, version);
      return version;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Reads the app's status on the hub's thread {@link #STATUS_DELAY} after a change, once however
   * many changes come meanwhile: a rollout's burst of events makes one status, not one each. Only
   * while someone listens: 100 apps under analysis change their statuses every second.
   */
  private void queueStatus(String app, App a) {
    if (a.feed().subscribers() == 0) {
      // No one listens: a status costs a read of the engine and its JSON, for nobody. A client
      // that connects is sent the status of then (see AppFeed#statusSkipped).
      a.feed().statusSkipped();
      return;
    }
    if (closed || !a.statusQueued().compareAndSet(false, true)) {
      return;
    }
    try {
      thread.schedule(
          () -> {
            a.statusQueued().set(false);
            try {
              a.feed().publishStatusIfChanged(statusJson(engine.get().status(app)));
            } catch (RuntimeException e) {
              log.debug("status of {} for its event stream: {}", app, e.toString());
            }
          },
          STATUS_DELAY.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      a.statusQueued().set(false);
    }
  }

  /** Every second: each app someone listens to gets its status checked and its traffic sent. */
  private void tick() {
    apps.forEach(
        (name, a) -> {
          if (a.feed().subscribers() == 0) {
            return;
          }
          try {
            AppStatus status = engine.get().status(name);
            a.feed().publishStatusIfChanged(statusJson(status));
            EventData.Traffic traffic =
                a.sampler()
                    .sample(clock.instant(), status.split(), revision -> version(status, revision));
            if (traffic != null) {
              a.feed().broadcast("traffic", json(traffic));
            }
          } catch (RuntimeException e) {
            log.debug("events of {}: {}", name, e.toString());
          }
        });
  }

  private String version(AppStatus status, int revision) {
    return status.running().stream()
        .filter(r -> r.number() == revision)
        .map(Revision::version)
        .findFirst()
        .orElseGet(() -> version(status.app(), revision));
  }

  private String statusJson(AppStatus status) {
    return json(wire.apply(status));
  }

  private static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends every stream at once (the agent is stopping) and stops the hub's thread. Idempotent. */
  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
    apps.values().forEach(a -> a.feed().endAll("the agent is stopping"));
  }
}
