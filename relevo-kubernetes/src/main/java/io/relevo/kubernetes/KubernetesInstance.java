package io.relevo.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import java.util.List;
import java.util.Optional;

/**
 * One revision on the cluster: its Deployment and Service. Alive while the Deployment exists and
 * none of its pods is failing for good; the record's id is {@code namespace/name}.
 */
final class KubernetesInstance implements Instance {

  private final KubernetesClient client;
  private final PodDiagnosis diagnosis;
  private final String namespace;
  private final String app;
  private final int revision;
  private final InstanceRecord record;
  private final Endpoint endpoint;
  private final AutoCloseable reach;
  private static final long ALIVE_FOR_NANOS = 1_000_000_000L;
  private boolean alive; // guarded by this
  private long aliveAsked; // guarded by this; System.nanoTime() of the last answer

  KubernetesInstance(
      KubernetesClient client,
      String namespace,
      String app,
      int revision,
      InstanceRecord record,
      Endpoint endpoint,
      AutoCloseable reach) {
    this.client = client;
    this.diagnosis = new PodDiagnosis(client);
    this.namespace = namespace;
    this.app = app;
    this.revision = revision;
    this.record = record;
    this.endpoint = endpoint;
    this.reach = reach;
  }

  String namespace() {
    return namespace;
  }

  String app() {
    return app;
  }

  int revision() {
    return revision;
  }

  String name() {
    return Names.revision(app, revision);
  }

  AutoCloseable reach() {
    return reach;
  }

  Optional<Deployment> deployment() {
    try {
      return Optional.ofNullable(
          client.apps().deployments().inNamespace(namespace).withName(name()).get());
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }

  @Override
  public InstanceRecord record() {
    return record;
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  /**
   * Asks the API server: the Deployment is there and no pod of it crash-loops. The answer is kept
   * for a second, since a canary's watch asks ten times a second and pods change slower.
   */
  @Override
  public synchronized boolean isAlive() {
    long now = System.nanoTime();
    if (aliveAsked == 0 || now - aliveAsked > ALIVE_FOR_NANOS || !alive) {
      alive =
          deployment().isPresent()
              && PodDiagnosis.failing(diagnosis.pods(namespace, app, revision)).isEmpty();
      aliveAsked = now;
    }
    return alive;
  }

  /** A Deployment has no exit code; its pods' restarts are in {@link #logTail}. */
  @Override
  public Optional<Integer> exitCode() {
    return Optional.empty();
  }

  /** The pods' last events and log lines. */
  @Override
  public List<String> logTail(int lines) {
    return diagnosis.lastWords(namespace, diagnosis.pods(namespace, app, revision), lines);
  }

  @Override
  public String toString() {
    return "deployment " + namespace + "/" + name() + " at " + endpoint;
  }
}
