package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.testing.FakeRouter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RouterSelectorTest {

  private final FakeRouter proxy = new FakeRouter();
  private final FakeRouter cluster = new FakeRouter();
  private final AtomicInteger clustersMade = new AtomicInteger();
  private final RouterSelector selector =
      new RouterSelector(
          proxy,
          () -> {
            clustersMade.incrementAndGet();
            return cluster;
          });

  private static AppConfig config(String app, String runtime) {
    return ConfigLoader.parse("relevo.yml", "app: " + app + "\nruntime:\n" + runtime, Map.of());
  }

  @Test
  void eachAppIsRoutedByTheRouterOfItsRuntimeType() {
    selector.open("web", config("web", "  command: [x]\n"));
    selector.open(
        "shop",
        config(
            "shop",
            "  type: kubernetes\n  image: shop:{version}\n  container_port: 8000\n"
                + "  gateway: web\n"));

    selector.route("web", TrafficSplit.all(1, new Endpoint("127.0.0.1", 9001)));
    selector.route("shop", TrafficSplit.all(3, new Endpoint("relevo-shop-r3.default.svc", 8000)));

    assertThat(proxy.servingRevision("web")).isEqualTo(1);
    assertThat(cluster.servingRevision("shop")).isEqualTo(3);
    assertThat(proxy.current("shop")).isEqualTo(TrafficSplit.none());
  }

  @Test
  void anAgentWithoutKubernetesAppsNeverConnectsToACluster() {
    selector.open("web", config("web", "  command: [x]\n"));
    selector.route("web", TrafficSplit.all(1, new Endpoint("127.0.0.1", 9001)));

    assertThat(clustersMade).hasValue(0);
  }
}
