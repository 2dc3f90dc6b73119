package io.relevo.kubernetes;

import static io.relevo.kubernetes.Specs.NAMESPACE;
import static io.relevo.kubernetes.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.relevo.core.RelevoException;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.RuntimeProvider;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesRuntimeTest {

  KubernetesMockServer server;
  private KubernetesClient client;
  private Kubelet kubelet;
  private RuntimeProvider runtime;

  @BeforeEach
  void connect() {
    client = MockClients.patient(server);
    kubelet = new Kubelet(client, NAMESPACE);
    runtime = Kubernetes.of(client, Reach.serviceDns(), InstantSource.system()).runtime();
  }

  @AfterEach
  void stopKubelet() {
    kubelet.close();
    client.close();
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }

  @Test
  void aRevisionIsALabelledDeploymentAndServiceReachedThroughTheServiceOnceItsPodsAreReady() {
    Instance instance = runtime.start(spec(3, "1.4.0"));

    assertThat(instance.endpoint()).isEqualTo(new Endpoint("relevo-shop-r3.shop.svc", 8000));
    assertThat(instance.record().id()).isEqualTo("shop/relevo-shop-r3");
    assertThat(instance.isAlive()).isTrue();
    Deployment d = deployment("relevo-shop-r3");
    assertThat(d.getMetadata().getLabels())
        .containsEntry("relevo.io/app", "shop")
        .containsEntry("relevo.io/revision", "3")
        .containsEntry("relevo.io/version", "1.4.0");
    assertThat(d.getMetadata().getAnnotations()).containsEntry("relevo.io/step", "starting");
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    assertThat(d.getSpec().getSelector().getMatchLabels())
        .isEqualTo(Map.of("relevo.io/app", "shop", "relevo.io/revision", "3"));
    var pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("shop");
    assertThat(pod.getNodeSelector()).isEqualTo(Map.of("pool", "web"));
    var container = pod.getContainers().getFirst();
    assertThat(container.getImage()).isEqualTo("registry.example.com/shop:1.4.0");
    assertThat(container.getArgs()).containsExactly("serve", "--build=1.4.0");
    assertThat(container.getEnv())
        .extracting(EnvVar::getName)
        .containsExactly(
            "REGION", "GREETING", "PORT", "RELEVO_APP", "RELEVO_REVISION", "RELEVO_VERSION");
    assertThat(container.getEnv().get(0).getValueFrom().getConfigMapKeyRef().getName())
        .isEqualTo("shop-settings");
    assertThat(container.getEnv().get(1).getValue()).isEqualTo("hello 1.4.0");
    assertThat(container.getEnvFrom().getFirst().getSecretRef().getName()).isEqualTo("shop-db");
    assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("250m"));
    assertThat(container.getResources().getLimits()).containsEntry("memory", new Quantity("512Mi"));
    Service service = client.services().inNamespace(NAMESPACE).withName("relevo-shop-r3").get();
    assertThat(service.getSpec().getSelector())
        .isEqualTo(Map.of("relevo.io/app", "shop", "relevo.io/revision", "3"));
    assertThat(service.getSpec().getPorts().getFirst().getPort()).isEqualTo(8000);
  }

  @Test
  void aCrashLoopingRevisionIsRefusedWithItsPodsLastEventsAndDeleted() {
    kubelet.crashing.add("relevo-shop-r4");

    assertThatThrownBy(() -> runtime.start(spec(4, "1.5.0")))
        .isInstanceOfSatisfying(
            RelevoException.class, e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.FAILED))
        .hasMessageContaining(
            "cannot start revision 4 (1.5.0) of shop: deployment shop/relevo-shop-r4 is failing:"
                + " pod relevo-shop-r4-pod: CrashLoopBackOff (restarted 4 times)")
        .hasMessageContaining(
            "event relevo-shop-r4-pod: BackOff: Back-off restarting failed container app");
    assertThat(deployment("relevo-shop-r4")).isNull();
    assertThat(client.services().inNamespace(NAMESPACE).withName("relevo-shop-r4").get()).isNull();
  }

  @Test
  void aRevisionThatNeverBecomesReadyIsRefusedAfterTheReadyTimeout() {
    kubelet.unready.add("relevo-shop-r5");

    assertThatThrownBy(() -> runtime.start(spec(5, "1.6.0")))
        .isInstanceOf(RelevoException.class)
        .hasMessageContaining(
            "deployment shop/relevo-shop-r5 has 0 of 2 replicas ready after 3s"
                + " (health.ready_timeout)");
    assertThat(deployment("relevo-shop-r5")).isNull();
  }

  @Test
  void aRestartedAgentAdoptsItsRevisionsByNameAndLabelsOnly() {
    Instance started = runtime.start(spec(6, "1.7.0"));
    RuntimeProvider restarted =
        Kubernetes.of(client, Reach.serviceDns(), InstantSource.system()).runtime();

    assertThat(restarted.adopt(spec(6, "1.7.0"), started.record()))
        .hasValueSatisfying(i -> assertThat(i.endpoint()).isEqualTo(started.endpoint()));
    assertThat(restarted.adopt(spec(7, "1.8.0"), started.record())).isEmpty();

    Deployment relabelled = deployment("relevo-shop-r6");
    relabelled.getMetadata().getLabels().put("relevo.io/app", "other");
    client.resource(relabelled).update();
    assertThat(restarted.adopt(spec(6, "1.7.0"), started.record())).isEmpty();
  }

  @Test
  void stopDeletesTheDeploymentAndServiceAndIsIdempotent() {
    Instance instance = runtime.start(spec(8, "1.9.0"));

    runtime.stop(instance, Duration.ofSeconds(5));
    runtime.stop(instance, Duration.ofSeconds(5));

    assertThat(deployment("relevo-shop-r8")).isNull();
    assertThat(client.services().inNamespace(NAMESPACE).withName("relevo-shop-r8").get()).isNull();
    assertThat(instance.isAlive()).isFalse();
  }
}
