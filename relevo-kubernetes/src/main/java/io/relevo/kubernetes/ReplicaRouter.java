package io.relevo.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.relevo.core.config.KubernetesConfig;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.routing.TrafficSplit.Backend;
import io.relevo.core.runtime.Endpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The fallback when no Gateway API is installed: one Service {@code relevo-APP} selects the pods of
 * every revision, and a revision's share is its share of the pods. Coarser than a route: with
 * {@code replicas: 4} a 10% step runs 1 canary pod beside 4 stable ones (20% of the pods), and a
 * revision that has a share has at least one pod. A revision at 0% is scaled to none.
 */
final class ReplicaRouter {

  private final KubernetesClient client;
  private final StepNotes notes;

  ReplicaRouter(KubernetesClient client) {
    this.client = client;
    this.notes = new StepNotes(client);
  }

  /** The pods a revision runs for {@code weight} percent of an app that runs {@code full}. */
  static int replicas(int weight, int full) {
    return weight == 0 ? 0 : Math.max(1, Math.round(full * weight / 100f));
  }

  void route(String app, KubernetesConfig k, TrafficSplit split) {
    Service service =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(Names.appService(app))
            .withNamespace(k.namespace())
            .withLabels(Map.of(Names.APP, app, Names.MANAGED_BY, "relevo"))
            .endMetadata()
            .withNewSpec()
            .withSelector(Map.of(Names.APP, app))
            .addNewPort()
            .withName("http")
            .withPort(k.containerPort())
            .withTargetPort(new IntOrString(k.containerPort()))
            .endPort()
            .endSpec()
            .build();
    try {
      client.resource(service).createOr(NonDeletingOperation::update);
    } catch (KubernetesClientException e) {
      throw ApiErrors.of("cannot make Service " + Names.appService(app), k.namespace(), e);
    }
    // Grow the revisions that gain first, then shrink the others, so capacity never dips.
    List<Backend> order = new ArrayList<>(split.backends());
    order.sort(Comparator.comparingInt(Backend::weight).reversed());
    for (Backend backend : order) {
      notes.note(
          k.namespace(),
          app,
          split,
          backend,
          OptionalInt.of(replicas(backend.weight(), k.replicas())));
    }
  }

  /** The split the replica counts stand for, read back from the Deployments' annotations. */
  TrafficSplit current(String app, KubernetesConfig k) {
    List<Deployment> deployments;
    try {
      deployments =
          client
              .apps()
              .deployments()
              .inNamespace(k.namespace())
              .withLabel(Names.APP, app)
              .list()
              .getItems();
    } catch (KubernetesClientException e) {
      throw ApiErrors.of("cannot list the deployments of " + app, k.namespace(), e);
    }
    List<Backend> backends = new ArrayList<>();
    for (Deployment d : deployments) {
      Map<String, String> notes = d.getMetadata().getAnnotations();
      int weight = notes == null ? 0 : Integer.parseInt(notes.getOrDefault(Names.WEIGHT, "0"));
      if (weight > 0) {
        int revision = Integer.parseInt(d.getMetadata().getLabels().get(Names.REVISION));
        backends.add(
            new Backend(
                revision,
                new Endpoint(
                    d.getMetadata().getName() + "." + k.namespace() + ".svc", k.containerPort()),
                weight));
      }
    }
    backends.sort(Comparator.comparingInt(Backend::revision));
    int sum = backends.stream().mapToInt(Backend::weight).sum();
    return sum == 100 ? new TrafficSplit(backends) : TrafficSplit.none();
  }
}
