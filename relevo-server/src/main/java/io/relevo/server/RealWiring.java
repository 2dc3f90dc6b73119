package io.relevo.server;

import io.relevo.checks.Checks;
import io.relevo.checks.Loads;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.engine.EngineParts;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.Sleeper;
import io.relevo.core.notify.Notifier;
import io.relevo.docker.DockerHost;
import io.relevo.docker.DockerRuntime;
import io.relevo.postgres.Postgres;
import io.relevo.process.ProcessRuntime;
import io.relevo.proxy.Proxy;
import io.relevo.proxy.ProxyOptions;
import io.relevo.store.CloseableStore;
import io.relevo.store.Stores;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The production parts: the SQLite history, the built-in proxy, local processes or Docker
 * containers (by each app's {@code runtime.type}), HTTP checks and HTTP synthetic load, PostgreSQL
 * backups recorded in the history. Closing the runtime only frees its Docker connections: revisions
 * outlive the agent.
 */
final class RealWiring implements AgentParts.Wiring {

  @Override
  public AgentParts wire(StateDir stateDir) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      CloseableStore store = Stores.sqlite(stateDir.historyDb());
      opened.add(store);
      Proxy proxy = Proxy.start(ProxyOptions.defaults());
      opened.add(proxy);
      Map<String, String> env = System.getenv();
      RuntimeSelector runtime =
          RuntimeSelector.of(
              ProcessRuntime.create(),
              () ->
                  DockerStrays.reported(
                      DockerRuntime.create(
                          DockerSettingsMapping::of, DockerHost.fromEnvironment(env)),
                      store));
      opened.add(runtime);
      EngineParts parts =
          new EngineParts(
                  runtime,
                  new ListenPortRouter(proxy),
                  store,
                  Notifier.none(),
                  Checks.healthProbe(),
                  Checks.smokeRunner(),
                  InstantSource.system(),
                  Sleeper.system(),
                  stateDir.path(),
                  env,
                  proxy,
                  Loads.http())
              .withDatabases(Postgres.databases(env, store));
      ConfigParser parser = (file, text) -> ConfigLoader.parse(file, text, env);
      return new AgentParts(new RolloutEngine(parts), parser, opened);
    } catch (RuntimeException e) {
      Agent.closeAll(opened, e);
      throw e;
    }
  }
}
