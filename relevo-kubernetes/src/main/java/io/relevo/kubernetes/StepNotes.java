package io.relevo.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.routing.TrafficSplit.Backend;
import java.util.HashMap;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each revision's share and step onto its Deployment's annotations after a routing change,
 * and, under the replica fallback, its replica count. The route (or replica counts) is the truth;
 * these notes let {@code kubectl get deploy -L relevo.io/revision} and a restarted agent see it.
 */
final class StepNotes {

  private static final Logger log = LoggerFactory.getLogger(StepNotes.class);

  /** Writes lost to a concurrent writer before giving up; each retry reads the object afresh. */
  private static final int CONFLICT_RETRIES = 5;

  private final KubernetesClient client;

  StepNotes(KubernetesClient client) {
    this.client = client;
  }

  /** Annotates (and with {@code replicas} present, scales) one revision's Deployment. */
  void note(
      String namespace, String app, TrafficSplit split, Backend backend, OptionalInt replicas) {
    String name = Names.revision(app, backend.revision());
    try {
      edit(namespace, name, split, backend, replicas, CONFLICT_RETRIES);
    } catch (KubernetesClientException e) {
      if (replicas.isPresent()) {
        throw ApiErrors.of("cannot scale " + name, namespace, e);
      }
      // The route already holds the truth; a note that cannot be written is only logged.
      log.warn("cannot annotate deployment {}/{}: {}", namespace, name, e.getMessage());
    }
  }

  /**
   * One read-modify-write of the Deployment; a 409 (someone else, e.g. the Deployment controller,
   * wrote it between our read and our write) reads it again, as Kubernetes clients are meant to.
   */
  private void edit(
      String namespace,
      String name,
      TrafficSplit split,
      Backend backend,
      OptionalInt replicas,
      int retries) {
    for (int attempt = 0; ; attempt++) {
      try {
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName(name)
            .edit(
                d -> {
                  var annotations =
                      new HashMap<>(
                          d.getMetadata().getAnnotations() == null
                              ? java.util.Map.<String, String>of()
                              : d.getMetadata().getAnnotations());
                  annotations.put(Names.WEIGHT, Integer.toString(backend.weight()));
                  annotations.put(Names.STEP, Steps.of(split, backend));
                  d.getMetadata().setAnnotations(annotations);
                  replicas.ifPresent(r -> d.getSpec().setReplicas(r));
                  return d;
                });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= retries) {
          throw e;
        }
      }
    }
  }
}
