package io.relevo.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.relevo.core.config.KubernetesConfig;
import io.relevo.core.config.KubernetesConfig.EnvFrom;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.runtime.RevisionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Deployment and Service of one revision, made from its {@code runtime} section: {@code
 * {version}} replaced, relevo's labels and annotations set, the pod patch applied last.
 */
record RevisionManifests(Deployment deployment, Service service) {

  static final String CONTAINER = "app";
  private static final String VERSION = "{version}";

  static KubernetesConfig settings(RuntimeConfig runtime) {
    if (runtime == null || runtime.kubernetes() == null) {
      throw new IllegalArgumentException(
          "runtime.type: "
              + (runtime == null ? null : runtime.type())
              + " (expected: kubernetes, with its image and container_port)");
    }
    return runtime.kubernetes();
  }

  /**
   * @param replicas how many pods to start with: the configured count, or fewer under the replica
   *     fallback, where the router scales each revision to its share
   */
  static RevisionManifests of(RevisionSpec spec, RuntimeConfig runtime, int replicas) {
    KubernetesConfig k = settings(runtime);
    String name = Names.revision(spec.app(), spec.revision());
    Map<String, String> labels = Names.labels(spec.app(), spec.revision(), spec.version());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(Names.VERSION, spec.version());
    annotations.put(Names.FULL_REPLICAS, Integer.toString(k.replicas()));
    annotations.put(Names.WEIGHT, "0");
    annotations.put(Names.STEP, "starting");

    PodTemplateSpec template =
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withServiceAccountName(k.serviceAccount())
            .withTerminationGracePeriodSeconds(Math.max(1, runtime.stopGrace().toSeconds()))
            .withContainers(container(spec, runtime, k))
            .endSpec()
            .build();
    template = PodPatch.apply(template, k.podPatch());

    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(k.namespace())
            .withLabels(labels)
            .withAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .withMatchLabels(Names.selector(spec.app(), spec.revision()))
            .endSelector()
            .withTemplate(template)
            .endSpec()
            .build();
    Service service =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(k.namespace())
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withSelector(Names.selector(spec.app(), spec.revision()))
            .addNewPort()
            .withName("http")
            .withPort(k.containerPort())
            .withTargetPort(new IntOrString(k.containerPort()))
            .endPort()
            .endSpec()
            .build();
    return new RevisionManifests(deployment, service);
  }

  private static Container container(RevisionSpec spec, RuntimeConfig runtime, KubernetesConfig k) {
    List<EnvVar> env = new ArrayList<>();
    List<EnvFromSource> envFrom = new ArrayList<>();
    for (EnvFrom source : k.envFrom()) {
      if (source.key() != null) {
        EnvVarBuilder var = new EnvVarBuilder().withName(source.as());
        env.add(
            source.source() == EnvFrom.Source.SECRET
                ? var.withNewValueFrom()
                    .withNewSecretKeyRef(source.key(), source.name(), false)
                    .endValueFrom()
                    .build()
                : var.withNewValueFrom()
                    .withNewConfigMapKeyRef(source.key(), source.name(), false)
                    .endValueFrom()
                    .build());
      } else {
        EnvFromSourceBuilder from = new EnvFromSourceBuilder();
        envFrom.add(
            source.source() == EnvFrom.Source.SECRET
                ? from.withNewSecretRef(source.name(), false).build()
                : from.withNewConfigMapRef(source.name(), false).build());
      }
    }
    // relevo's own variables win over the config's, as with the other runtimes.
    Map<String, String> plain = new LinkedHashMap<>();
    runtime.env().forEach((n, v) -> plain.put(n, v.replace(VERSION, spec.version())));
    plain.put(runtime.portEnv(), Integer.toString(k.containerPort()));
    plain.put("RELEVO_APP", spec.app());
    plain.put("RELEVO_REVISION", Integer.toString(spec.revision()));
    plain.put("RELEVO_VERSION", spec.version());
    plain.forEach((n, v) -> env.add(new EnvVar(n, v, null)));

    Map<String, Quantity> requests = new LinkedHashMap<>();
    k.resources().requests().forEach((n, q) -> requests.put(n, new Quantity(q)));
    Map<String, Quantity> limits = new LinkedHashMap<>();
    k.resources().limits().forEach((n, q) -> limits.put(n, new Quantity(q)));

    ContainerBuilder container =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(k.image().replace(VERSION, spec.version()))
            .addNewPort()
            .withName("http")
            .withContainerPort(k.containerPort())
            .endPort()
            .withEnv(env)
            .withEnvFrom(envFrom)
            .withResources(
                new ResourceRequirementsBuilder()
                    .withRequests(requests)
                    .withLimits(limits)
                    .build());
    if (!runtime.command().isEmpty()) {
      container.withArgs(
          runtime.command().stream().map(a -> a.replace(VERSION, spec.version())).toList());
    }
    return container.build();
  }
}
