package io.relevo.kubernetes;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * Clients of the mock API server, over OkHttp (with the JDK client, the request that followed a
 * DELETE with a body was answered by the mock server but never reached the client), waiting a
 * minute for an answer on a machine shared by several builds.
 */
final class MockClients {

  private MockClients() {}

  static KubernetesClient patient(KubernetesMockServer server) {
    try (KubernetesClient plain = server.createClient()) {
      return new KubernetesClientBuilder()
          .withHttpClientFactory(new OkHttpClientFactory())
          .withConfig(
              new ConfigBuilder(plain.getConfiguration())
                  .withRequestTimeout(60_000)
                  .withConnectionTimeout(30_000)
                  .build())
          .build();
    }
  }
}
