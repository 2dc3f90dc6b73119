package io.relevo.proxy.daemon;

import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.TrafficSplit;

/**
 * What the routes file keeps of one app: its front door and its split.
 *
 * @param listen where the agent asked the front door to listen; null while the app is only routed
 * @param port the port the front door got (the same as {@code listen}'s unless that was 0), so a
 *     restarted proxy listens where clients already connect
 * @param settings the app's proxy settings
 * @param split the split in force
 */
public record AppRoute(HostPort listen, int port, ProxyConfig settings, TrafficSplit split) {

  public AppRoute {
    settings = settings == null ? ProxyConfig.defaults() : settings;
    split = split == null ? TrafficSplit.none() : split;
  }

  static AppRoute unopened() {
    return new AppRoute(null, 0, null, null);
  }

  AppRoute opened(HostPort listen, int port, ProxyConfig settings) {
    return new AppRoute(listen, port, settings, split);
  }

  AppRoute routed(TrafficSplit split) {
    return new AppRoute(listen, port, settings, split);
  }

  /** Where a restarted proxy binds: the port it had, on the host it was given. */
  HostPort bindAddress() {
    return port > 0 ? new HostPort(listen.host(), port) : listen;
  }
}
