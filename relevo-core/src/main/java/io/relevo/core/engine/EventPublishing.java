package io.relevo.core.engine;

import io.relevo.core.analysis.AnalysisObserver;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.routing.Router;
import io.relevo.core.routing.TrafficSplit;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Has the engine's parts tell {@link EngineParts#events()} of every split they set and every
 * analysis measurement, where both already pass: the router and the analysis observer. Rollout
 * events are told by {@link RolloutLog}, which writes them.
 */
final class EventPublishing {

  private static final Logger LOG = Logger.getLogger(EventPublishing.class.getName());

  private EventPublishing() {}

  /** {@code parts} whose router and analysis observer also tell their events; as is without. */
  static EngineParts attach(EngineParts parts) {
    EngineEvents events = parts.events();
    if (events == EngineEvents.none()) {
      return parts;
    }
    AnalysisObserver observer = parts.analysisObserver();
    return new EngineParts(
        parts.runtime(),
        new PublishingRouter(parts.router(), events),
        parts.store(),
        parts.notifier(),
        parts.health(),
        parts.smoke(),
        parts.clock(),
        parts.sleeper(),
        parts.stateDir(),
        parts.env(),
        parts.metrics(),
        parts.load(),
        parts.hooks(),
        (app, analysis, canary, stable, m) -> {
          observer.measured(app, analysis, canary, stable, m);
          safely(() -> events.measured(app, analysis, canary, stable, m));
        },
        parts.promql(),
        parts.sealedEnv(),
        parts.databases(),
        events);
  }

  static void safely(Runnable tell) {
    try {
      tell.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "an event listener failed; the engine goes on", e);
    }
  }

  /**
   * A router that tells every split it set, after the router took it, once: setting the split in
   * force again (a promotion after a step to 100%) tells nothing.
   */
  private record PublishingRouter(
      Router router, EngineEvents events, Map<String, TrafficSplit> told) implements Router {

    PublishingRouter(Router router, EngineEvents events) {
      this(router, events, new ConcurrentHashMap<>());
    }

    @Override
    public void open(String app, HostPort listen, ProxyConfig settings) {
      router.open(app, listen, settings);
    }

    @Override
    public void open(String app, AppConfig config) {
      router.open(app, config);
    }

    @Override
    public void route(String app, TrafficSplit split) {
      router.route(app, split);
      if (!split.equals(told.put(app, split))) {
        safely(() -> events.weights(app, split));
      }
    }

    @Override
    public TrafficSplit current(String app) {
      return router.current(app);
    }

    @Override
    public DrainResult drain(String app, int revision, Duration timeout) {
      return router.drain(app, revision, timeout);
    }

    @Override
    public void close(String app) {
      router.close(app);
      told.remove(app);
    }
  }
}
