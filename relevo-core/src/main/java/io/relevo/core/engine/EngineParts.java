package io.relevo.core.engine;

import io.relevo.core.analysis.AnalysisObserver;
import io.relevo.core.analysis.PromQl;
import io.relevo.core.database.Databases;
import io.relevo.core.health.HealthProbe;
import io.relevo.core.health.SmokeRunner;
import io.relevo.core.hooks.HookRunner;
import io.relevo.core.load.SyntheticLoad;
import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.notify.Notifier;
import io.relevo.core.routing.Router;
import io.relevo.core.runtime.RuntimeProvider;
import io.relevo.core.store.SealedEnv;
import io.relevo.core.store.Store;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the engine works through. The agent passes the real parts; tests pass a manual clock.
 *
 * @param runtime where revisions run
 * @param router who splits traffic
 * @param store release history
 * @param notifier who hears about finished rollouts
 * @param health runs one health check attempt
 * @param smoke runs one smoke check
 * @param clock the time
 * @param sleeper waits between health check attempts
 * @param stateDir the agent's state folder; revision logs go under {@code logs/APP/REVISION.log}
 * @param env the environment configs are interpolated with when a revision is restarted from
 *     history
 * @param metrics per-revision traffic counters for canary analysis; none = every revision reads
 *     empty
 * @param load sends an analysis' synthetic load; none = {@link SyntheticLoad#none()}
 * @param hooks runs the config's hook commands; none = {@link HookRunner#none()}, which fails every
 *     configured hook saying so
 * @param analysisObserver hears every analysis measurement (metrics export); none = {@link
 *     AnalysisObserver#none()}
 * @param promql runs analysis rules' PromQL queries; none = {@link PromQl#unavailable()} (such
 *     rules then error, never pass)
 * @param databases dumps databases before migrations and remembers the dumps; none = {@link
 *     Databases#none()} (a deploy with {@code migrations.backup} then fails, saying so)
 * @param events hears every rollout event, split and analysis measurement as they happen (the
 *     agent's event stream); none = {@link EngineEvents#none()}
 */
public record EngineParts(
    RuntimeProvider runtime,
    Router router,
    Store store,
    Notifier notifier,
    HealthProbe health,
    SmokeRunner smoke,
    InstantSource clock,
    Sleeper sleeper,
    Path stateDir,
    Map<String, String> env,
    MetricsSource metrics,
    SyntheticLoad load,
    HookRunner hooks,
    AnalysisObserver analysisObserver,
    PromQl promql,
    SealedEnv sealedEnv,
    Databases databases,
    EngineEvents events) {

  public EngineParts {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(smoke, "smoke");
    Objects.requireNonNull(stateDir, "stateDir");
    notifier = notifier == null ? Notifier.none() : notifier;
    clock = clock == null ? InstantSource.system() : clock;
    sleeper = sleeper == null ? Sleeper.system() : sleeper;
    env = env == null ? Map.of() : Map.copyOf(env);
    metrics = metrics == null ? (app, revision) -> RevisionStats.empty() : metrics;
    load = load == null ? SyntheticLoad.none() : load;
    hooks = hooks == null ? HookRunner.none() : hooks;
    analysisObserver = analysisObserver == null ? AnalysisObserver.none() : analysisObserver;
    promql = promql == null ? PromQl.unavailable() : promql;
    sealedEnv = sealedEnv == null ? SealedEnv.none() : sealedEnv;
    databases = databases == null ? Databases.none() : databases;
    events = events == null ? EngineEvents.none() : events;
  }

  /** Parts that tell no one of what happens ({@link EngineEvents#none()}). */
  public EngineParts(
      RuntimeProvider runtime,
      Router router,
      Store store,
      Notifier notifier,
      HealthProbe health,
      SmokeRunner smoke,
      InstantSource clock,
      Sleeper sleeper,
      Path stateDir,
      Map<String, String> env,
      MetricsSource metrics,
      SyntheticLoad load,
      HookRunner hooks,
      AnalysisObserver analysisObserver,
      PromQl promql,
      SealedEnv sealedEnv,
      Databases databases) {
    this(
        runtime,
        router,
        store,
        notifier,
        health,
        smoke,
        clock,
        sleeper,
        stateDir,
        env,
        metrics,
        load,
        hooks,
        analysisObserver,
        promql,
        sealedEnv,
        databases,
        null);
  }

  /** These parts telling {@code newEvents} of every rollout event, split and measurement. */
  public EngineParts withEvents(EngineEvents newEvents) {
    return new EngineParts(
        runtime,
        router,
        store,
        notifier,
        health,
        smoke,
        clock,
        sleeper,
        stateDir,
        env,
        metrics,
        load,
        hooks,
        analysisObserver,
        promql,
        sealedEnv,
        databases,
        newEvents);
  }

  /** Parts without hooks, an analysis observer, a PromQL client, sealed variables or databases. */
  public EngineParts(
      RuntimeProvider runtime,
      Router router,
      Store store,
      Notifier notifier,
      HealthProbe health,
      SmokeRunner smoke,
      InstantSource clock,
      Sleeper sleeper,
      Path stateDir,
      Map<String, String> env,
      MetricsSource metrics,
      SyntheticLoad load) {
    this(
        runtime, router, store, notifier, health, smoke, clock, sleeper, stateDir, env, metrics,
        load, null, null, null, null, null);
  }

  /** These parts with {@code hooks} as the hook runner. */
  public EngineParts withHooks(HookRunner hooks) {
    return new EngineParts(
        runtime,
        router,
        store,
        notifier,
        health,
        smoke,
        clock,
        sleeper,
        stateDir,
        env,
        metrics,
        load,
        hooks,
        analysisObserver,
        promql,
        sealedEnv,
        databases,
        events);
  }

  /** These parts with {@code sealedEnv} keeping each revision's resolved variables. */
  public EngineParts withSealedEnv(SealedEnv sealedEnv) {
    return new EngineParts(
        runtime,
        router,
        store,
        notifier,
        health,
        smoke,
        clock,
        sleeper,
        stateDir,
        env,
        metrics,
        load,
        hooks,
        analysisObserver,
        promql,
        sealedEnv,
        databases,
        events);
  }

  /** These parts with {@code newDatabases} in place of the current ones. */
  public EngineParts withDatabases(Databases newDatabases) {
    return new EngineParts(
        runtime,
        router,
        store,
        notifier,
        health,
        smoke,
        clock,
        sleeper,
        stateDir,
        env,
        metrics,
        load,
        hooks,
        analysisObserver,
        promql,
        sealedEnv,
        newDatabases,
        events);
  }

  /** Parts without synthetic load. */
  public EngineParts(
      RuntimeProvider runtime,
      Router router,
      Store store,
      Notifier notifier,
      HealthProbe health,
      SmokeRunner smoke,
      InstantSource clock,
      Sleeper sleeper,
      Path stateDir,
      Map<String, String> env,
      MetricsSource metrics) {
    this(
        runtime, router, store, notifier, health, smoke, clock, sleeper, stateDir, env, metrics,
        null);
  }

  /** Parts without a metrics source: canary analysis then sees no traffic. */
  public EngineParts(
      RuntimeProvider runtime,
      Router router,
      Store store,
      Notifier notifier,
      HealthProbe health,
      SmokeRunner smoke,
      InstantSource clock,
      Sleeper sleeper,
      Path stateDir,
      Map<String, String> env) {
    this(
        runtime, router, store, notifier, health, smoke, clock, sleeper, stateDir, env, null, null);
  }
}
