package io.relevo.kubernetes;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.runtime.RevisionSpec;
import java.nio.file.Path;
import java.util.Map;

/** Revisions of the app {@code shop} in namespace {@code shop}, from a real relevo.yml. */
final class Specs {

  static final String NAMESPACE = "shop";

  static final String YAML =
      """
      app: shop
      runtime:
        type: kubernetes
        namespace: shop
        image: registry.example.com/shop:{version}
        replicas: 2
        container_port: 8000
        command: [serve, "--build={version}"]
        env: {GREETING: "hello {version}"}
        env_from:
          - secret: shop-db
          - config_map: shop-settings
            key: region
            as: REGION
        resources:
          requests: {cpu: 250m, memory: 256Mi}
          limits: {memory: 512Mi}
        service_account: shop
        pod_patch:
          spec:
            nodeSelector: {pool: web}
        gateway: infra/web
        hostnames: [shop.example.com]
      health:
        ready_timeout: 3s
      """;

  private Specs() {}

  static AppConfig config(String yaml) {
    return ConfigLoader.parse("relevo.yml", yaml, Map.of());
  }

  static RevisionSpec spec(int revision, String version) {
    return spec(config(YAML), revision, version);
  }

  static RevisionSpec spec(AppConfig config, int revision, String version) {
    return new RevisionSpec(config.app(), revision, version, config, Path.of("."), null);
  }
}
