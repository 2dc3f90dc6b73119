package io.relevo.proxy.daemon;

import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.proxy.Proxy;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy process's routing: the {@link Proxy} and the routes file kept in step with it. Every
 * change is applied, then saved, then acknowledged (the caller answers only after a method here
 * returns), under one lock so the file always holds the latest change.
 */
final class RoutingState {

  private static final Logger log = LoggerFactory.getLogger(RoutingState.class);

  private final Proxy proxy;
  private final RoutesFile file;
  private final Map<String, AppRoute> routes = new TreeMap<>();
  private boolean frozen;

  RoutingState(Proxy proxy, RoutesFile file) {
    this.proxy = proxy;
    this.file = file;
  }

  /**
   * Reopens every front door and split the file holds; a front door that cannot listen any more is
   * logged and left for the agent to reopen.
   *
   * @return how many front doors could not be reopened
   */
  synchronized int restore() {
    try {
      routes.putAll(file.read());
    } catch (RelevoException e) {
      log.error(
          "{}; set aside as {}, starting with no front door (the agent reopens them)",
          e.getMessage(),
          file.setAside());
    }
    int[] failed = {0};
    routes.forEach(
        (app, route) -> {
          proxy.route(app, route.split());
          if (route.listen() != null) {
            try {
              proxy.open(app, route.bindAddress(), route.settings());
              log.info(
                  "app {}: front door on {} reopened, split {}",
                  app,
                  route.bindAddress(),
                  describe(route.split()));
            } catch (RelevoException e) {
              failed[0]++;
              log.warn("{}", e.getMessage());
            }
          }
        });
    return failed[0];
  }

  /** How many front doors are open (apps only routed do not count). */
  synchronized long openDoors() {
    return routes.values().stream().filter(route -> route.listen() != null).count();
  }

  synchronized int open(String app, HostPort listen, ProxyConfig settings) {
    refuseWhileFrozen();
    Objects.requireNonNull(listen, "listen");
    proxy.open(app, listen, settings);
    int port = proxy.boundPort(app);
    AppRoute route = routes.getOrDefault(app, AppRoute.unopened());
    HostPort kept = route.listen() != null ? route.listen() : listen;
    routes.put(app, route.opened(kept, port, settings == null ? ProxyConfig.defaults() : settings));
    file.write(routes);
    return port;
  }

  synchronized void route(String app, TrafficSplit split) {
    refuseWhileFrozen();
    proxy.route(app, split);
    routes.put(app, routes.getOrDefault(app, AppRoute.unopened()).routed(split));
    file.write(routes);
  }

  synchronized void close(String app) {
    refuseWhileFrozen();
    proxy.close(app);
    if (routes.remove(app) != null) {
      file.write(routes);
    }
  }

  /** From now on every change is refused with {@link Frozen}: a new process is taking over. */
  synchronized void freeze() {
    frozen = true;
  }

  /** The take-over was given up: changes are accepted again. */
  synchronized void thaw() {
    frozen = false;
  }

  /** The longest drain timeout of the apps: how long a retiring process lets requests finish. */
  synchronized java.time.Duration longestDrain() {
    return routes.values().stream()
        .map(route -> route.settings().drainTimeout())
        .max(java.time.Duration::compareTo)
        .orElse(ProxyConfig.defaults().drainTimeout());
  }

  private void refuseWhileFrozen() {
    if (frozen) {
      throw new Frozen();
    }
  }

  /** A change sent while a new process takes over; the new one is to be asked. */
  static final class Frozen extends RuntimeException {
    Frozen() {
      super("handing over to a new proxy process", null, false, false);
    }
  }

  private static String describe(TrafficSplit split) {
    StringBuilder text = new StringBuilder("[");
    split
        .backends()
        .forEach(
            b ->
                text.append(text.length() > 1 ? ", " : "")
                    .append("r")
                    .append(b.revision())
                    .append(" ")
                    .append(b.weight())
                    .append("%"));
    return text.append("]").toString();
  }
}
