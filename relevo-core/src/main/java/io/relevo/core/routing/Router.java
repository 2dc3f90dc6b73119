package io.relevo.core.routing;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import java.time.Duration;

/**
 * Who splits an app's traffic between revisions: the built-in proxy on one host, Kubernetes route
 * weights elsewhere. Every change of routing is atomic: a request goes to the old split or to the
 * new one, never to nothing.
 */
public interface Router {

  /** Opens the app's front door if it is not open yet. Idempotent. */
  void open(String app, HostPort listen, ProxyConfig settings);

  /**
   * Opens the front door of an app with this config: by default at its {@code listen} address with
   * its {@code proxy} settings. A router for apps of several runtimes picks by {@code
   * config.runtime().type()} here, the first call it gets for an app (the engine calls it before it
   * starts or routes to a revision, and again after a restart).
   */
  default void open(String app, AppConfig config) {
    open(app, config.listen(), config.proxy());
  }

  /** Replaces the app's split in one step. An empty split makes the proxy answer 503. */
  void route(String app, TrafficSplit split);

  /** The split in force now. */
  TrafficSplit current(String app);

  /**
   * Waits until the revision has no request in flight, or {@code timeout} has passed; requests
   * still in flight then are answered 504. Call after the revision has left the split.
   *
   * @return what happened to in-flight requests
   */
  DrainResult drain(String app, int revision, Duration timeout);

  /** Closes the app's front door. */
  void close(String app);
}
