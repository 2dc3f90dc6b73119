package io.relevo.kubernetes;

import static io.relevo.kubernetes.Specs.NAMESPACE;
import static io.relevo.kubernetes.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.relevo.core.config.AppConfig;
import io.relevo.core.routing.Router;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.routing.TrafficSplit.Backend;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.RuntimeProvider;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesRouterTest {

  KubernetesMockServer server;
  private KubernetesClient client;
  private Kubelet kubelet;
  private Kubernetes cluster;
  private RuntimeProvider runtime;
  private Router router;

  @BeforeEach
  void connect() {
    client = MockClients.patient(server);
    kubelet = new Kubelet(client, NAMESPACE);
    cluster = Kubernetes.of(client, Reach.serviceDns(), InstantSource.system());
    runtime = cluster.runtime();
    router = cluster.router();
  }

  @AfterEach
  void stopKubelet() {
    kubelet.close();
    client.close();
  }

  private HTTPRoute route() {
    return client.resources(HTTPRoute.class).inNamespace(NAMESPACE).withName("shop").get();
  }

  private static TrafficSplit split(Instance stable, int stableWeight, Instance canary) {
    return new TrafficSplit(
        List.of(
            new Backend(1, stable.endpoint(), stableWeight),
            new Backend(2, canary.endpoint(), 100 - stableWeight)));
  }

  private String weights(HTTPRouteRule rule) {
    return String.join(
        ",", rule.getBackendRefs().stream().map(r -> r.getName() + "=" + r.getWeight()).toList());
  }

  private String annotation(int revision, String key) {
    return client
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .withName("relevo-shop-r" + revision)
        .get()
        .getMetadata()
        .getAnnotations()
        .get(key);
  }

  @Test
  void aCanaryStepSetsTheHttpRouteWeightsWithAHeaderRulePerRevision() {
    Instance stable = runtime.start(spec(1, "1.0"));
    Instance canary = runtime.start(spec(2, "1.1"));

    router.route("shop", split(stable, 90, canary));

    HTTPRoute route = route();
    assertThat(route.getSpec().getParentRefs().getFirst().getName()).isEqualTo("web");
    assertThat(route.getSpec().getParentRefs().getFirst().getNamespace()).isEqualTo("infra");
    assertThat(route.getSpec().getHostnames()).containsExactly("shop.example.com");
    List<HTTPRouteRule> rules = route.getSpec().getRules();
    assertThat(rules).hasSize(3);
    assertThat(rules.get(0).getMatches().getFirst().getHeaders().getFirst().getName())
        .isEqualTo("X-Relevo-Revision");
    assertThat(rules.get(1).getMatches().getFirst().getHeaders().getFirst().getValue())
        .isEqualTo("2");
    assertThat(weights(rules.get(1))).isEqualTo("relevo-shop-r2=1");
    assertThat(weights(rules.get(2))).isEqualTo("relevo-shop-r1=90,relevo-shop-r2=10");
    assertThat(route.getMetadata().getAnnotations()).containsEntry("relevo.io/step", "canary 10%");
    assertThat(annotation(2, "relevo.io/step")).isEqualTo("canary 10%");
    assertThat(annotation(2, "relevo.io/weight")).isEqualTo("10");
    assertThat(annotation(1, "relevo.io/step")).isEqualTo("stable 90%");
  }

  @Test
  void abortSetsTheCanaryWeightToZeroInOneWriteOfTheRoute() throws Exception {
    Instance stable = runtime.start(spec(1, "1.0"));
    Instance canary = runtime.start(spec(2, "1.1"));
    router.route("shop", split(stable, 75, canary));
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Watch watch =
        client
            .resources(HTTPRoute.class)
            .inNamespace(NAMESPACE)
            .withName("shop")
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, HTTPRoute route) {
                    if (action == Action.MODIFIED) {
                      seen.add(weights(route.getSpec().getRules().getLast()));
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {

      router.route("shop", split(stable, 100, canary));

      await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
      Thread.sleep(300); // a second write, were there one, would show by now
    }
    assertThat(seen).containsExactly("relevo-shop-r1=100,relevo-shop-r2=0");
    assertThat(annotation(2, "relevo.io/step")).isEqualTo("standby");
  }

  @Test
  void promotionLeavesOnlyTheNewRevisionOnTheRouteAndRollbackPutsTheOldOneBack() {
    Instance stable = runtime.start(spec(1, "1.0"));
    Instance canary = runtime.start(spec(2, "1.1"));

    router.route("shop", TrafficSplit.all(2, canary.endpoint()));
    assertThat(weights(route().getSpec().getRules().getLast())).isEqualTo("relevo-shop-r2=100");
    assertThat(annotation(2, "relevo.io/step")).isEqualTo("stable");

    router.route("shop", TrafficSplit.all(1, stable.endpoint()));
    assertThat(weights(route().getSpec().getRules().getLast())).isEqualTo("relevo-shop-r1=100");
    assertThat(route().getSpec().getRules()).hasSize(2);
  }

  @Test
  void aRestartedAgentReadsTheSplitBackFromTheRoute() {
    Instance stable = runtime.start(spec(1, "1.0"));
    Instance canary = runtime.start(spec(2, "1.1"));
    router.route("shop", split(stable, 80, canary));

    Kubernetes restarted = Kubernetes.of(client, Reach.serviceDns(), InstantSource.system());
    restarted.runtime().adopt(spec(1, "1.0"), stable.record());

    assertThat(restarted.router().current("shop")).isEqualTo(split(stable, 80, canary));
  }

  @Test
  void withoutTheGatewayApiTheSplitIsMadeOfReplicaCountsBehindOneService() {
    AppConfig config =
        Specs.config(
            Specs.YAML
                .replace("replicas: 2", "replicas: 4")
                .replace("gateway: infra/web", "traffic: replicas"));
    Instance stable = runtime.start(spec(config, 1, "1.0"));
    Instance canary = runtime.start(spec(config, 2, "1.1"));

    router.route("shop", split(stable, 90, canary));

    assertThat(replicas(1)).isEqualTo(4);
    assertThat(replicas(2)).isEqualTo(1); // 10% of 4 pods, at least one: 1 pod in 5, 20%
    var service = client.services().inNamespace(NAMESPACE).withName("relevo-shop").get();
    assertThat(service.getSpec().getSelector()).containsOnlyKeys("relevo.io/app");
    assertThat(route()).isNull();

    router.route("shop", split(stable, 100, canary));
    assertThat(replicas(2)).isZero();
    assertThat(
            Kubernetes.of(client, Reach.serviceDns(), InstantSource.system())
                .router()
                .current("shop"))
        .isEqualTo(TrafficSplit.none()); // not adopted yet: the new agent knows no settings
  }

  @Test
  void replicaSharesRoundToPodsAndKeepOnePodForAnyShare() {
    assertThat(ReplicaRouter.replicas(10, 4)).isEqualTo(1);
    assertThat(ReplicaRouter.replicas(50, 4)).isEqualTo(2);
    assertThat(ReplicaRouter.replicas(90, 4)).isEqualTo(4);
    assertThat(ReplicaRouter.replicas(1, 10)).isEqualTo(1);
    assertThat(ReplicaRouter.replicas(0, 10)).isZero();
  }

  private int replicas(int revision) {
    return client
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .withName("relevo-shop-r" + revision)
        .get()
        .getSpec()
        .getReplicas();
  }

  @SuppressWarnings("unused")
  private static String name(HTTPBackendRef ref) {
    return ref.getName();
  }
}
