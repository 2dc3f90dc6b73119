package io.relevo.server;

import io.relevo.checks.Checks;
import io.relevo.checks.Loads;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.engine.EngineParts;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.Sleeper;
import io.relevo.core.health.HealthProbe;
import io.relevo.core.health.SmokeRunner;
import io.relevo.core.load.SyntheticLoad;
import io.relevo.core.notify.Notifier;
import io.relevo.core.routing.Router;
import io.relevo.docker.DockerHost;
import io.relevo.docker.DockerRuntime;
import io.relevo.observe.AgentMetrics;
import io.relevo.observe.PrometheusQueries;
import io.relevo.observe.notify.Notifications;
import io.relevo.postgres.Postgres;
import io.relevo.process.ProcessHookRunner;
import io.relevo.process.ProcessRuntime;
import io.relevo.store.CloseableStore;
import io.relevo.store.Stores;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The production parts: the SQLite history, the built-in proxy (in a process of its own, which
 * outlives the agent), local processes, Docker containers or a Kubernetes cluster with its Gateway
 * (by each app's {@code runtime.type}), HTTP checks and HTTP synthetic load, PostgreSQL backups
 * recorded in the history. Closing the runtime only frees its Docker connections: revisions outlive
 * the agent.
 */
final class RealWiring implements AgentParts.Wiring {

  private final ProxyParts.Mode proxyMode;

  /** The production wiring: the proxy runs as a process of its own ({@link ProxyProcess}). */
  RealWiring() {
    this(ProxyParts.Mode.SEPARATE_PROCESS);
  }

  RealWiring(ProxyParts.Mode proxyMode) {
    this.proxyMode = proxyMode;
  }

  @Override
  public AgentParts wire(StateDir stateDir) {
    List<AutoCloseable> opened = new ArrayList<>();
    // The history opens on a thread of its own, and the proxy process is asked whether it runs on
    // another, while this one builds the parts that need neither: on two cores, the agent serves
    // sooner. A proxy process is started (or adopted) only once the history proved readable.
    StoreOpening opening = StoreOpening.start(stateDir.historyDb());
    InBackground<ProxyParts.Starting> proxyLookUp =
        InBackground.start("relevo-proxy-look-up", () -> proxyMode.lookUp(stateDir));
    InBackground<Void> sweep = null;
    try {
      HealthProbe probe = Checks.healthProbe();
      SmokeRunner smoke = Checks.smokeRunner();
      SyntheticLoad loads = Loads.http();
      CloseableStore store = opening.await();
      opened.add(store);
      Map<String, String> env = System.getenv();
      // Stray revision processes are stopped while the rest is built, and before recovery starts
      // any process: the engine is made only once the sweep is over.
      sweep =
          InBackground.start(
              "relevo-stray-sweep",
              () -> {
                ProcessStraySweep.run(stateDir.path(), store, env, InstantSource.system());
                return null;
              });
      ProxyParts proxy = proxyLookUp.await().start();
      opened.add(proxy.closeable());
      KubernetesCluster cluster = new KubernetesCluster(env);
      opened.add(cluster);
      RuntimeSelector runtime =
          RuntimeSelector.of(
              ProcessRuntime.create(stateDir.path()),
              () ->
                  DockerStrays.reported(
                      DockerRuntime.create(DockerHost.fromEnvironment(env)), store),
              () -> cluster.get().runtime());
      opened.add(runtime);
      Router router =
          new RouterSelector(new ListenPortRouter(proxy.router()), () -> cluster.get().router());
      AtomicReference<RolloutEngine> engine = new AtomicReference<>();
      AgentMetrics metrics =
          AgentMetrics.create(
              () -> engine.get() == null ? List.of() : engine.get().statuses(),
              router,
              proxy.metrics(),
              new StalestBackup(engine::get, InstantSource.system()));
      Notifications notifications = Notifications.create();
      opened.add(notifications);
      metrics.register(notifications);
      EngineParts parts =
          new EngineParts(
              runtime,
              router,
              store,
              Notifier.all(List.of(metrics.notifier(), notifications)),
              probe,
              smoke,
              InstantSource.system(),
              Sleeper.system(),
              stateDir.path(),
              env,
              proxy.metrics(),
              loads,
              new ProcessHookRunner(),
              metrics.analysisObserver(),
              new PrometheusQueries(),
              Stores.sealedEnv(stateDir.path().resolve("env.key")),
              Postgres.databases(env, store));
      EventHub events = EventHub.create(engine::get, proxy.metrics());
      opened.add(events);
      ConfigParser parser = (file, text) -> ConfigLoader.parse(file, text, env);
      sweep.await();
      engine.set(new RolloutEngine(parts.withEvents(events)));
      return new AgentParts(engine.get(), parser, opened, metrics::scrape, store.tokens(), events);
    } catch (RuntimeException e) {
      opening.closeWhenOpen();
      proxyLookUp.awaitQuietly();
      if (sweep != null) {
        sweep.awaitQuietly(); // it uses the store that is closed below
      }
      Agent.closeAll(opened, e);
      throw e;
    }
  }
}
