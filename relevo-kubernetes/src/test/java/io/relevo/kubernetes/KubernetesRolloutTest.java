package io.relevo.kubernetes;

import static io.relevo.kubernetes.Specs.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.EngineParts;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.engine.Sleeper;
import io.relevo.core.routing.Router;
import io.relevo.core.runtime.RuntimeProvider;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.InMemoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** relevo's own engine driving a canary on the (mock) cluster, as the agent wires it. */
@EnableKubernetesMockClient(crud = true)
class KubernetesRolloutTest {

  private static final String CANARY =
      Specs.YAML
          + """
          strategy:
            canary:
              steps: [{weight: 10}, {pause: {}}, {weight: 100}]
          """;

  KubernetesMockServer server;
  private KubernetesClient client;
  private Kubelet kubelet;
  private final InMemoryStore store = new InMemoryStore();

  @BeforeEach
  void startKubelet() {
    client = MockClients.patient(server);
    kubelet = new Kubelet(client, NAMESPACE);
  }

  @AfterEach
  void stopKubelet() {
    kubelet.close();
    client.close();
  }

  private RolloutEngine engine(RuntimeProvider runtime, Router router) {
    ServiceChecks checks = new ServiceChecks(client);
    return new RolloutEngine(
        new EngineParts(
            runtime,
            router,
            store,
            null,
            checks,
            checks,
            InstantSource.system(),
            Sleeper.system(),
            Path.of("/tmp/relevo-kubernetes-test"),
            Map.of()));
  }

  private RolloutEngine engine() {
    Kubernetes cluster = Kubernetes.of(client, Reach.serviceDns(), InstantSource.system());
    return engine(cluster.runtime(), cluster.router());
  }

  private static RolloutRecord deploy(RolloutEngine engine, String version) {
    return engine.deploy(
        new DeployRequest(
            ConfigLoader.parse("relevo.yml", CANARY, Map.of()), Path.of("."), version, "ana", ""),
        RolloutListener.none());
  }

  private CompletableFuture<RolloutRecord> pausedCanary(RolloutEngine engine) {
    CompletableFuture<RolloutRecord> rollout =
        // A thread of its own: a dead agent's rollout blocks its thread for good, and the common
        // pool has one thread on a two-core machine.
        CompletableFuture.supplyAsync(
            () -> deploy(engine, "1.1"), task -> Thread.ofPlatform().daemon().start(task));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              var progress = engine.status("shop").progress();
              return progress != null && progress.paused();
            });
    return rollout;
  }

  private String weights() {
    HTTPRoute route =
        client.resources(HTTPRoute.class).inNamespace(NAMESPACE).withName("shop").get();
    return String.join(
        ",",
        route.getSpec().getRules().getLast().getBackendRefs().stream()
            .map(r -> r.getName() + "=" + r.getWeight())
            .toList());
  }

  private boolean exists(int revision) {
    return client
            .apps()
            .deployments()
            .inNamespace(NAMESPACE)
            .withName("relevo-shop-r" + revision)
            .get()
        != null;
  }

  @Test
  void aCanaryWalksItsStepsOnTheHttpRouteAndIsPromoted() {
    RolloutEngine engine = engine();
    assertThat(deploy(engine, "1.0").outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(weights()).isEqualTo("relevo-shop-r1=100");

    CompletableFuture<RolloutRecord> rollout = pausedCanary(engine);
    assertThat(weights()).isEqualTo("relevo-shop-r1=90,relevo-shop-r2=10");
    engine.promote("shop", false, "ana");

    assertThat(rollout.join().outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(weights()).isEqualTo("relevo-shop-r2=100");
  }

  @Test
  void anAbortPutsTheCanaryAtZeroAndRetiresItsDeployment() {
    RolloutEngine engine = engine();
    deploy(engine, "1.0");
    CompletableFuture<RolloutRecord> rollout = pausedCanary(engine);

    engine.abort("shop", "ana", "checkout looks wrong");

    assertThat(rollout.join().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(weights()).isEqualTo("relevo-shop-r1=100");
    await().atMost(Duration.ofSeconds(10)).until(() -> !exists(2));
    assertThat(exists(1)).isTrue();
  }

  @Test
  void aRevisionWhosePodsCrashLoopIsRefusedAndTrafficStaysOnStable() {
    RolloutEngine engine = engine();
    deploy(engine, "1.0");
    kubelet.crashing.add("relevo-shop-r2");

    RolloutRecord rollout = deploy(engine, "1.1");

    assertThat(rollout.outcome()).isNotEqualTo(Outcome.PROMOTED);
    assertThat(rollout.outcomeReason()).contains("CrashLoopBackOff");
    assertThat(weights()).isEqualTo("relevo-shop-r1=100");
    assertThat(exists(2)).isFalse();
  }

  @Test
  void anAgentRestartedMidCanaryResumesItFromWhatTheClusterHolds() {
    DeadAgent first = new DeadAgent();
    Kubernetes cluster = Kubernetes.of(client, Reach.serviceDns(), InstantSource.system());
    RolloutEngine engine = engine(first.runtime(cluster.runtime()), first.router(cluster.router()));
    deploy(engine, "1.0");
    pausedCanary(engine);
    assertThat(weights()).isEqualTo("relevo-shop-r1=90,relevo-shop-r2=10");

    first.die();
    RolloutEngine restarted = engine();
    restarted.recover();

    // The new agent resumes the paused canary from what the cluster and history hold: the canary
    // keeps its share on the route, and a promote carries it on to the end.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              var progress = restarted.status("shop").progress();
              return progress != null && progress.paused();
            });
    assertThat(weights()).isEqualTo("relevo-shop-r1=90,relevo-shop-r2=10");
    assertThat(exists(2)).isTrue();
    restarted.promote("shop", false, "ana");
    await().atMost(Duration.ofSeconds(30)).until(() -> weights().equals("relevo-shop-r2=100"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> restarted.history("shop", 1).getFirst().outcome() == Outcome.PROMOTED);
    assertThat(restarted.status("shop").stable()).isNotNull();
  }
}
