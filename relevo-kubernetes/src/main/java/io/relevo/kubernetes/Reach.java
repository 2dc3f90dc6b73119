package io.relevo.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.relevo.core.runtime.Endpoint;

/**
 * How relevo's own probes and smoke checks reach a revision: through its Service's DNS name when
 * the agent runs in the cluster, through a port-forward to the Service when it runs outside.
 */
public interface Reach {

  /** An open way in: where to connect, and how to close it. */
  record Way(Endpoint endpoint, AutoCloseable closer) {}

  Way open(String namespace, String service, int port);

  /** {@code NAME.NAMESPACE.svc:PORT}: for an agent inside the cluster. */
  static Reach serviceDns() {
    return (namespace, service, port) ->
        new Way(new Endpoint(service + "." + namespace + ".svc", port), () -> {});
  }

  /** A port-forward on 127.0.0.1 to the Service, kept open until the revision stops. */
  static Reach portForward(KubernetesClient client) {
    return (namespace, service, port) -> {
      LocalPortForward forward =
          client.services().inNamespace(namespace).withName(service).portForward(port);
      return new Way(new Endpoint("127.0.0.1", forward.getLocalPort()), forward);
    };
  }

  /** In the cluster (KUBERNETES_SERVICE_HOST is set) the Service's DNS, else a port-forward. */
  static Reach fromEnvironment(KubernetesClient client, java.util.Map<String, String> env) {
    return env.containsKey("KUBERNETES_SERVICE_HOST") ? serviceDns() : portForward(client);
  }
}
