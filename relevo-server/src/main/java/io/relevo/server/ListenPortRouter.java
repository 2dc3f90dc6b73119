package io.relevo.server;

import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.routing.Router;
import io.relevo.core.routing.TrafficSplit;
import java.time.Duration;

/**
 * The router of the agent, saying that an app's {@code listen} port is taken by another process
 * ({@link PortInUse}) where the proxy only says that it cannot listen. Everything else passes
 * through as it is.
 */
final class ListenPortRouter implements Router {

  private final Router proxy;

  ListenPortRouter(Router proxy) {
    this.proxy = proxy;
  }

  @Override
  public void open(String app, HostPort listen, ProxyConfig settings) {
    try {
      proxy.open(app, listen, settings);
    } catch (RelevoException e) {
      if (PortInUse.causedBy(e)) {
        throw PortInUse.of("app " + app, listen, "`listen` in relevo.yml", e);
      }
      throw e;
    }
  }

  @Override
  public void route(String app, TrafficSplit split) {
    proxy.route(app, split);
  }

  @Override
  public TrafficSplit current(String app) {
    return proxy.current(app);
  }

  @Override
  public DrainResult drain(String app, int revision, Duration timeout) {
    return proxy.drain(app, revision, timeout);
  }

  @Override
  public void close(String app) {
    proxy.close(app);
  }
}
