package io.relevo.kubernetes;

import io.relevo.core.config.KubernetesConfig;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster settings of each app, as its latest started or adopted revision was configured: the
 * router reads its namespace, route and traffic mode here. The engine starts or adopts a revision
 * before it routes to one, so an app is known here before its first route.
 */
final class Apps {

  private final Map<String, KubernetesConfig> settings = new ConcurrentHashMap<>();

  void put(String app, KubernetesConfig config) {
    settings.put(app, config);
  }

  Optional<KubernetesConfig> of(String app) {
    return Optional.ofNullable(settings.get(app));
  }

  boolean knows(String app) {
    return settings.containsKey(app);
  }
}
