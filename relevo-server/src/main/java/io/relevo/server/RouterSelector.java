package io.relevo.server;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.config.RuntimeConfig.RuntimeType;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.routing.Router;
import io.relevo.core.routing.TrafficSplit;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The agent's one router: the built-in proxy for apps that run as processes or containers, the
 * cluster's router for apps of {@code runtime.type: kubernetes}. The engine opens an app (with its
 * config) before anything else, which is where the choice is made and remembered.
 */
final class RouterSelector implements Router {

  private final Router proxy;
  private final Supplier<? extends Router> kubernetes;
  private final Set<String> onKubernetes = ConcurrentHashMap.newKeySet();

  RouterSelector(Router proxy, Supplier<? extends Router> kubernetes) {
    this.proxy = Objects.requireNonNull(proxy, "proxy");
    this.kubernetes = Objects.requireNonNull(kubernetes, "kubernetes");
  }

  @Override
  public void open(String app, AppConfig config) {
    if (config.runtime().type() == RuntimeType.KUBERNETES) {
      onKubernetes.add(app);
      kubernetes.get().open(app, config);
    } else {
      onKubernetes.remove(app);
      proxy.open(app, config);
    }
  }

  @Override
  public void open(String app, HostPort listen, ProxyConfig settings) {
    of(app).open(app, listen, settings);
  }

  @Override
  public void route(String app, TrafficSplit split) {
    of(app).route(app, split);
  }

  @Override
  public TrafficSplit current(String app) {
    return of(app).current(app);
  }

  @Override
  public DrainResult drain(String app, int revision, Duration timeout) {
    return of(app).drain(app, revision, timeout);
  }

  @Override
  public void close(String app) {
    of(app).close(app);
  }

  private Router of(String app) {
    return onKubernetes.contains(app) ? kubernetes.get() : proxy;
  }
}
