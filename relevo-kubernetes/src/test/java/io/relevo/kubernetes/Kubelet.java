package io.relevo.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the mock API server lacks: a controller and kubelet. Every 200 ms it gives each Deployment
 * of the namespace a pod, and marks its replicas ready, unless the Deployment's name is set to
 * crash (a CrashLoopBackOff pod with a BackOff event) or to stay unready (pods never ready).
 */
final class Kubelet implements AutoCloseable {

  private final KubernetesClient client;
  private final String namespace;
  final Set<String> crashing = ConcurrentHashMap.newKeySet();
  final Set<String> unready = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

  Kubelet(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    loop.scheduleWithFixedDelay(this::reconcile, 0, 200, TimeUnit.MILLISECONDS);
  }

  private void reconcile() {
    try {
      for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
        reconcile(d);
      }
    } catch (RuntimeException e) {
      // the next round tries again, as a controller would
    }
  }

  private void reconcile(Deployment d) {
    String name = d.getMetadata().getName();
    String podName = name + "-pod";
    if (client.pods().inNamespace(namespace).withName(podName).get() == null) {
      client.resource(pod(d, podName)).create();
      if (crashing.contains(name)) {
        client
            .resource(
                new EventBuilder()
                    .withNewMetadata()
                    .withName(podName + ".back-off")
                    .withNamespace(namespace)
                    .endMetadata()
                    .withNewInvolvedObject()
                    .withKind("Pod")
                    .withName(podName)
                    .endInvolvedObject()
                    .withReason("BackOff")
                    .withMessage("Back-off restarting failed container app")
                    .withLastTimestamp("2026-12-07T05:00:00Z")
                    .build())
            .create();
      }
    }
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    int ready = crashing.contains(name) || unready.contains(name) ? 0 : replicas;
    Integer now = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
    if (now == null || now != ready) {
      d.setStatus(
          new DeploymentStatusBuilder()
              .withReplicas(replicas)
              .withReadyReplicas(ready)
              .withAvailableReplicas(ready)
              .build());
      client.resource(d).updateStatus();
    }
  }

  private Pod pod(Deployment d, String podName) {
    boolean crash = crashing.contains(d.getMetadata().getName());
    var status = new ContainerStatusBuilder().withName("app").withRestartCount(crash ? 4 : 0);
    if (crash) {
      status
          .withNewState()
          .withNewWaiting()
          .withReason("CrashLoopBackOff")
          .withMessage("back-off 40s restarting failed container=app")
          .endWaiting()
          .endState();
    } else {
      status.withReady(!unready.contains(d.getMetadata().getName()));
    }
    return new PodBuilder()
        .withNewMetadata()
        .withName(podName)
        .withNamespace(namespace)
        .withLabels(d.getSpec().getTemplate().getMetadata().getLabels())
        .endMetadata()
        .withSpec(d.getSpec().getTemplate().getSpec())
        .withNewStatus()
        .withContainerStatuses(status.build())
        .endStatus()
        .build();
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
