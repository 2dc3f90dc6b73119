package io.relevo.kubernetes;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.relevo.core.config.KubernetesConfig;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.routing.TrafficSplit.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTTPRoute of an app for one split: a rule per revision that sends requests carrying {@code
 * X-Relevo-Revision: N} to revision N whatever its weight (so a canary at 0% can be tried by hand),
 * then the default rule whose backendRefs carry the split's weights.
 */
final class RouteManifest {

  static final String SPLIT = "relevo.io/split";

  private RouteManifest() {}

  static HTTPRoute of(String app, KubernetesConfig k, TrafficSplit split) {
    List<HTTPRouteRule> rules = new ArrayList<>();
    for (Backend backend : split.backends()) {
      rules.add(
          new HTTPRouteRuleBuilder()
              .addNewMatch()
              .addNewHeader()
              .withType("Exact")
              .withName(Names.OVERRIDE_HEADER)
              .withValue(Integer.toString(backend.revision()))
              .endHeader()
              .endMatch()
              .withBackendRefs(backendRef(app, k, backend.revision(), 1))
              .build());
    }
    rules.add(
        new HTTPRouteRuleBuilder()
            .withBackendRefs(
                split.backends().stream()
                    .map(b -> backendRef(app, k, b.revision(), b.weight()))
                    .toList())
            .build());
    String[] gateway = k.gateway().split("/", 2);
    return new HTTPRouteBuilder()
        .withNewMetadata()
        .withName(k.routeName(app))
        .withNamespace(k.namespace())
        .withLabels(Map.of(Names.APP, app, Names.MANAGED_BY, "relevo"))
        .withAnnotations(Map.of(SPLIT, describe(split), Names.STEP, Steps.of(split)))
        .endMetadata()
        .withNewSpec()
        .withParentRefs(
            new ParentReferenceBuilder()
                .withName(gateway.length == 2 ? gateway[1] : gateway[0])
                .withNamespace(gateway.length == 2 ? gateway[0] : null)
                .build())
        .withHostnames(k.hostnames().isEmpty() ? null : k.hostnames())
        .withRules(rules)
        .endSpec()
        .build();
  }

  private static HTTPBackendRef backendRef(
      String app, KubernetesConfig k, int revision, int weight) {
    return new HTTPBackendRefBuilder()
        .withKind("Service")
        .withName(Names.revision(app, revision))
        .withPort(k.containerPort())
        .withWeight(weight)
        .build();
  }

  /** {@code 7=90,8=10}: the split as the annotation records it. */
  static String describe(TrafficSplit split) {
    return split.backends().stream()
        .map(b -> b.revision() + "=" + b.weight())
        .collect(Collectors.joining(","));
  }
}
