package io.relevo.server;

import io.relevo.kubernetes.Kubernetes;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The agent's connection to a Kubernetes cluster, made on the first app of {@code runtime.type:
 * kubernetes}, so an agent without such apps never reads a kubeconfig.
 */
final class KubernetesCluster implements Supplier<Kubernetes>, AutoCloseable {

  private final Map<String, String> env;
  private Kubernetes cluster; // guarded by this

  KubernetesCluster(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public synchronized Kubernetes get() {
    if (cluster == null) {
      cluster = Kubernetes.fromEnvironment(env);
    }
    return cluster;
  }

  @Override
  public synchronized void close() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
