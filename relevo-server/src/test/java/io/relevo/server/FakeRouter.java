package io.relevo.server;

import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.routing.Router;
import io.relevo.core.routing.TrafficSplit;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A router that only remembers each app's split. */
final class FakeRouter implements Router {

  private final Map<String, TrafficSplit> splits = new ConcurrentHashMap<>();

  @Override
  public void open(String app, HostPort listen, ProxyConfig settings) {
    splits.putIfAbsent(app, TrafficSplit.none());
  }

  @Override
  public void route(String app, TrafficSplit split) {
    splits.put(app, split);
  }

  @Override
  public TrafficSplit current(String app) {
    return splits.getOrDefault(app, TrafficSplit.none());
  }

  @Override
  public DrainResult drain(String app, int revision, Duration timeout) {
    return new DrainResult(0, 0, Duration.ZERO);
  }

  @Override
  public void close(String app) {
    splits.remove(app);
  }
}
