package io.relevo.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.KubernetesConfig;
import io.relevo.core.config.KubernetesConfig.Traffic;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.routing.Router;
import io.relevo.core.routing.TrafficSplit;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The router of apps on Kubernetes: by each app's {@code runtime.traffic}, the weights of its
 * HTTPRoute ({@link GatewayRouter}) or its revisions' replica counts ({@link ReplicaRouter}). The
 * front door is the cluster's Gateway (or the app's Service), so {@link #open} and {@link #close}
 * do nothing; {@link #current} reads the cluster when this agent has not routed the app yet.
 */
final class KubernetesRouter implements Router {

  private final Apps apps;
  private final GatewayRouter gateway;
  private final ReplicaRouter replicas;
  private final Map<String, TrafficSplit> routed = new ConcurrentHashMap<>();

  KubernetesRouter(KubernetesClient client, Apps apps) {
    this.apps = apps;
    this.gateway = new GatewayRouter(client);
    this.replicas = new ReplicaRouter(client);
  }

  @Override
  public void open(String app, HostPort listen, ProxyConfig settings) {
    // The Gateway (or the app's Service) is the front door; relevo opens no port for it.
  }

  @Override
  public void route(String app, TrafficSplit split) {
    KubernetesConfig k = settings(app);
    if (k.traffic() == Traffic.GATEWAY) {
      gateway.route(app, k, split);
    } else {
      replicas.route(app, k, split);
    }
    routed.put(app, split);
  }

  @Override
  public TrafficSplit current(String app) {
    TrafficSplit known = routed.get(app);
    if (known != null) {
      return known;
    }
    return apps.of(app)
        .map(
            k ->
                k.traffic() == Traffic.GATEWAY ? gateway.current(app, k) : replicas.current(app, k))
        .orElse(TrafficSplit.none());
  }

  /**
   * Returns at once: the Gateway's data plane (or kube-proxy) finishes in-flight requests of a
   * backend that left the route; the pods' {@code terminationGracePeriodSeconds} bounds them.
   */
  @Override
  public DrainResult drain(String app, int revision, Duration timeout) {
    return new DrainResult(0, 0, Duration.ZERO);
  }

  @Override
  public void close(String app) {
    routed.remove(app);
  }

  private KubernetesConfig settings(String app) {
    return apps.of(app)
        .orElseThrow(
            () ->
                new RelevoException(
                    RelevoException.Kind.FAILED,
                    "cannot route app "
                        + app
                        + ": none of its revisions was started or adopted on Kubernetes by this"
                        + " agent"));
  }
}
