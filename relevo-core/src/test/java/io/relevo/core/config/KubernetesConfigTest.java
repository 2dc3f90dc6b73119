package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.config.KubernetesConfig.EnvFrom;
import io.relevo.core.config.KubernetesConfig.Traffic;
import io.relevo.core.config.RuntimeConfig.RuntimeType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesConfigTest {

  private static String kubernetes(String lines) {
    return "app: shop\nruntime:\n  type: kubernetes\n" + lines;
  }

  private static final String VALID =
      "  image: shop:{version}\n  container_port: 8000\n  gateway: web\n";

  @Test
  void everyKubernetesKeyIsReadIntoTheRecord() {
    RuntimeConfig runtime =
        Configs.parse(
                kubernetes(
                    """
                      namespace: shop
                      image: registry.example.com/shop:{version}
                      replicas: 4
                      container_port: 8000
                      command: [gunicorn, app:app]
                      env: {APP_VERSION: "{version}"}
                      env_from:
                        - secret: shop-db
                        - config_map: shop-settings
                        - secret: stripe
                          key: api-key
                          as: STRIPE_KEY
                      resources:
                        requests: {cpu: 250m, memory: 256Mi}
                        limits: {memory: 512Mi}
                      service_account: shop
                      pod_patch:
                        spec:
                          nodeSelector: {pool: web}
                          priority: 5
                      gateway: infra/web
                      route: shop-route
                      hostnames: [shop.example.com]
                      stop_grace: 20s
                    """))
            .runtime();

    assertThat(runtime.type()).isEqualTo(RuntimeType.KUBERNETES);
    assertThat(runtime.command()).containsExactly("gunicorn", "app:app");
    assertThat(runtime.stopGrace()).isEqualTo(Duration.ofSeconds(20));
    KubernetesConfig k = runtime.kubernetes();
    assertThat(k.namespace()).isEqualTo("shop");
    assertThat(k.image()).isEqualTo("registry.example.com/shop:{version}");
    assertThat(k.replicas()).isEqualTo(4);
    assertThat(k.containerPort()).isEqualTo(8000);
    assertThat(k.envFrom())
        .containsExactly(
            new EnvFrom(EnvFrom.Source.SECRET, "shop-db", null, null),
            new EnvFrom(EnvFrom.Source.CONFIG_MAP, "shop-settings", null, null),
            new EnvFrom(EnvFrom.Source.SECRET, "stripe", "api-key", "STRIPE_KEY"));
    assertThat(k.resources().requests()).isEqualTo(Map.of("cpu", "250m", "memory", "256Mi"));
    assertThat(k.resources().limits()).isEqualTo(Map.of("memory", "512Mi"));
    assertThat(k.serviceAccount()).isEqualTo("shop");
    assertThat(k.podPatch())
        .isEqualTo(Map.of("spec", Map.of("nodeSelector", Map.of("pool", "web"), "priority", 5L)));
    assertThat(k.traffic()).isEqualTo(Traffic.GATEWAY);
    assertThat(k.gateway()).isEqualTo("infra/web");
    assertThat(k.routeName("shop")).isEqualTo("shop-route");
    assertThat(k.hostnames()).containsExactly("shop.example.com");
  }

  @Test
  void defaultsAreOneReplicaInTheDefaultNamespaceRoutedByAnHttpRouteNamedAfterTheApp() {
    KubernetesConfig k = Configs.parse(kubernetes(VALID)).runtime().kubernetes();

    assertThat(k).isEqualTo(KubernetesConfig.of("shop:{version}", 8000, "web"));
    assertThat(k.namespace()).isEqualTo("default");
    assertThat(k.replicas()).isEqualTo(1);
    assertThat(k.routeName("shop")).isEqualTo("shop");
  }

  @Test
  void replicaTrafficNeedsNoGateway() {
    KubernetesConfig k =
        Configs.parse(kubernetes("  image: shop:1\n  container_port: 80\n  traffic: replicas\n"))
            .runtime()
            .kubernetes();

    assertThat(k.traffic()).isEqualTo(Traffic.REPLICAS);
    assertThat(k.gateway()).isNull();
  }

  @Test
  void everyWrongKeyIsReportedWithItsLine() {
    assertThat(
            problems(
                kubernetes(
                    """
                      namespace: Shop_NS
                      image: shop:1
                      container_port: 0
                      replicas: 0
                      env_from:
                        - {secret: a, config_map: b}
                        - {secret: c, key: k}
                      resources: {requests: {gpu: 1}, limits: {cpu: lots}}
                      workdir: build
                      host_port: 80
                    """)))
        .containsExactly(
            "relevo.yml:2: runtime.gateway: missing (expected: the Gateway the HTTPRoute attaches"
                + " to, like web; or traffic: replicas when no Gateway API is installed)",
            "relevo.yml:4: runtime.namespace: \"Shop_NS\" (expected: a namespace name, like shop"
                + " (lowercase letters, digits and -))",
            "relevo.yml:6: runtime.container_port: 0 (expected: 1..65535)",
            "relevo.yml:7: runtime.replicas: 0 (expected: 1..1000)",
            "relevo.yml:9: runtime.env_from[0]: both secret and config_map (expected: one of them,"
                + " like {secret: shop-db})",
            "relevo.yml:10: runtime.env_from[1].as: missing (expected: the environment variable the"
                + " key goes in, when key is set)",
            "relevo.yml:11: runtime.resources.requests.gpu: not a valid name (expected: cpu, memory"
                + " or ephemeral-storage)",
            "relevo.yml:11: runtime.resources.limits.cpu: \"lots\" (expected: a Kubernetes"
                + " quantity, like 250m, 0.5, 512Mi or 1Gi)",
            "relevo.yml:12: runtime.workdir: set, but type is kubernetes (expected: no workdir;"
                + " the image sets it)",
            "relevo.yml:13: runtime.host_port: set, but type is kubernetes (expected: type:"
                + " docker, or no host_port)");
  }

  @Test
  void kubernetesKeysUnderADockerRuntimeAreReported() {
    assertThat(
            problems(
                "app: shop\nruntime:\n  type: docker\n  image: s:1\n  container_port: 80\n"
                    + "  replicas: 3\n"))
        .containsExactly(
            "relevo.yml:6: runtime.replicas: set, but type is docker (expected: type: kubernetes,"
                + " or no replicas)");
  }

  @Test
  void recordRefusesWhatTheReaderWouldNot() {
    assertThatThrownBy(() -> KubernetesConfig.of("shop:1", 8000, null))
        .hasMessageStartingWith("runtime.gateway: null (expected:");
    assertThatThrownBy(
            () ->
                new RuntimeConfig(
                    RuntimeType.KUBERNETES, List.of(), null, null, null, null, null, null))
        .hasMessageStartingWith("kubernetes: null (expected: kubernetes settings exactly when");
  }
}
