package io.relevo.core.testing;

import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.routing.Router;
import io.relevo.core.routing.TrafficSplit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every split it was given; drains at once. */
public final class FakeRouter implements Router {

  private final Map<String, TrafficSplit> splits = new ConcurrentHashMap<>();
  public final List<TrafficSplit> history = new CopyOnWriteArrayList<>();
  public final List<Integer> drained = new CopyOnWriteArrayList<>();

  @Override
  public void open(String app, HostPort listen, ProxyConfig settings) {
    splits.putIfAbsent(app, TrafficSplit.none());
  }

  @Override
  public void route(String app, TrafficSplit split) {
    splits.put(app, split);
    history.add(split);
  }

  @Override
  public TrafficSplit current(String app) {
    return splits.getOrDefault(app, TrafficSplit.none());
  }

  @Override
  public DrainResult drain(String app, int revision, Duration timeout) {
    drained.add(revision);
    return new DrainResult(0, 0, Duration.ZERO);
  }

  @Override
  public void close(String app) {
    splits.remove(app);
  }

  /** The revision taking all traffic, or -1. */
  public int servingRevision(String app) {
    var backends = current(app).backends();
    return backends.size() == 1 ? backends.get(0).revision() : -1;
  }
}
