package io.relevo.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.relevo.core.RelevoException;
import io.relevo.core.config.KubernetesConfig;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.core.runtime.RuntimeProvider;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes runtime: each revision is a Deployment {@code relevo-APP-rN} and a Service of the
 * same name, labelled {@code relevo.io/app}, {@code relevo.io/revision} and {@code
 * relevo.io/version}. {@link #start} returns once every replica is ready by the pods' own
 * readiness, and refuses a revision whose pods crash-loop or never become ready, with their last
 * events and log lines, deleting what it made. Revisions outlive the agent; {@link #adopt} finds
 * them again by name and labels.
 */
final class KubernetesRuntime implements RuntimeProvider {

  private static final Logger log = LoggerFactory.getLogger(KubernetesRuntime.class);

  private final KubernetesClient client;
  private final Function<RevisionSpec, RuntimeConfig> settings;
  private final Reach reach;
  private final Apps apps;
  private final ReadyWait readyWait;
  private final InstantSource clock;

  KubernetesRuntime(
      KubernetesClient client,
      Function<RevisionSpec, RuntimeConfig> settings,
      Reach reach,
      Apps apps,
      InstantSource clock) {
    this.client = client;
    this.settings = settings;
    this.reach = reach;
    this.apps = apps;
    this.clock = clock;
    this.readyWait = new ReadyWait(clock, new PodDiagnosis(client));
  }

  @Override
  public Instance start(RevisionSpec spec) {
    RuntimeConfig runtime = settings.apply(spec);
    RevisionManifests manifests;
    KubernetesConfig k;
    try {
      k = RevisionManifests.settings(runtime);
      manifests = RevisionManifests.of(spec, runtime, k.replicas());
    } catch (IllegalArgumentException e) {
      throw new RelevoException(RelevoException.Kind.BAD_INPUT, e.getMessage(), e);
    }
    apps.put(spec.app(), k);
    String what = "revision " + spec.revision() + " (" + spec.version() + ") of " + spec.app();
    try {
      client.resource(manifests.deployment()).createOr(NonDeletingOperation::update);
      client.resource(manifests.service()).createOr(NonDeletingOperation::update);
    } catch (KubernetesClientException e) {
      throw ApiErrors.of("cannot start " + what, k.namespace(), e);
    }
    KubernetesInstance instance = instance(spec.app(), spec.revision(), k, clock.millis());
    try {
      readyWait.await(instance, k.replicas(), spec.config().health().readyTimeout());
    } catch (RelevoException e) {
      stop(instance, Duration.ZERO);
      throw new RelevoException(e.kind(), "cannot start " + what + ": " + e.getMessage(), e);
    }
    log.info("started {} as {}", what, instance);
    return instance;
  }

  @Override
  public Optional<Instance> adopt(RevisionSpec spec, InstanceRecord record) {
    RuntimeConfig runtime = settings.apply(spec);
    KubernetesConfig k;
    try {
      k = RevisionManifests.settings(runtime);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    apps.put(spec.app(), k);
    String name = Names.revision(spec.app(), spec.revision());
    Deployment deployment;
    try {
      deployment = client.apps().deployments().inNamespace(k.namespace()).withName(name).get();
    } catch (KubernetesClientException e) {
      throw ApiErrors.of("cannot adopt " + name, k.namespace(), e);
    }
    if (deployment == null || !labelled(deployment, spec.app(), spec.revision())) {
      return Optional.empty();
    }
    return Optional.of(instance(spec.app(), spec.revision(), k, record.startedAt()));
  }

  @Override
  public void stop(Instance instance, Duration grace) {
    if (!(instance instanceof KubernetesInstance revision)) {
      throw new IllegalArgumentException(
          "instance: "
              + instance
              + " (expected: one started or adopted by the Kubernetes runtime)");
    }
    try {
      client
          .apps()
          .deployments()
          .inNamespace(revision.namespace())
          .withName(revision.name())
          .withGracePeriod(grace.toSeconds())
          .delete();
      client.services().inNamespace(revision.namespace()).withName(revision.name()).delete();
    } catch (KubernetesClientException e) {
      throw ApiErrors.of("cannot stop " + revision, revision.namespace(), e);
    } finally {
      try {
        revision.reach().close();
      } catch (Exception e) {
        log.debug("closing the way to {} failed", revision, e);
      }
    }
    log.info("deleted {}", revision);
  }

  private KubernetesInstance instance(String app, int revision, KubernetesConfig k, long since) {
    String name = Names.revision(app, revision);
    Reach.Way way = reach.open(k.namespace(), name, k.containerPort());
    return new KubernetesInstance(
        client,
        k.namespace(),
        app,
        revision,
        new InstanceRecord(
            k.namespace() + "/" + name, way.endpoint().host(), way.endpoint().port(), since),
        way.endpoint(),
        way.closer());
  }

  private static boolean labelled(Deployment deployment, String app, int revision) {
    Map<String, String> labels = deployment.getMetadata().getLabels();
    return labels != null
        && app.equals(labels.get(Names.APP))
        && Integer.toString(revision).equals(labels.get(Names.REVISION));
  }
}
