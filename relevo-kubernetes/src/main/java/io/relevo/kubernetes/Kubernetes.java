package io.relevo.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.routing.Router;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.core.runtime.RuntimeProvider;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * relevo on a Kubernetes cluster: a runtime that makes a Deployment and a Service per revision and
 * a router that owns the weights of each app's HTTPRoute (or, without the Gateway API, its
 * revisions' replica counts). Both read everything they need from the cluster and from each
 * revision's {@code runtime} section, so a restarted agent picks up where the last one stopped.
 */
public final class Kubernetes implements AutoCloseable {

  private final KubernetesClient client;
  private final KubernetesRuntime runtime;
  private final KubernetesRouter router;

  private Kubernetes(
      KubernetesClient client,
      Function<RevisionSpec, RuntimeConfig> settings,
      Reach reach,
      InstantSource clock) {
    this.client = client;
    Apps apps = new Apps();
    this.runtime = new KubernetesRuntime(client, settings, reach, apps, clock);
    this.router = new KubernetesRouter(client, apps);
  }

  /**
   * On the cluster of the kubeconfig (or the pod's service account in the cluster), reaching
   * revisions through their Services' DNS names in the cluster and through port-forwards outside.
   */
  public static Kubernetes fromEnvironment(Map<String, String> env) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    return new Kubernetes(
        client,
        spec -> spec.config().runtime(),
        Reach.fromEnvironment(client, env),
        InstantSource.system());
  }

  /** On {@code client}'s cluster; each revision runs with its config's {@code runtime} section. */
  public static Kubernetes of(KubernetesClient client, Reach reach, InstantSource clock) {
    Objects.requireNonNull(client, "client");
    return new Kubernetes(client, spec -> spec.config().runtime(), reach, clock);
  }

  public RuntimeProvider runtime() {
    return runtime;
  }

  public Router router() {
    return router;
  }

  /** Closes the client: revisions, Services and routes stay on the cluster. */
  @Override
  public void close() {
    client.close();
  }
}
