package io.relevo.kubernetes;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.relevo.core.config.KubernetesConfig;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.routing.TrafficSplit.Backend;
import io.relevo.core.runtime.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits traffic with a Gateway API HTTPRoute whose backendRefs relevo owns: every split (a canary
 * step, an abort, a promotion) is one write of the whole route, so the Gateway moves from the old
 * weights to the new ones in one step; an abort is the canary's weight set to 0 in that one write.
 */
final class GatewayRouter {

  private static final Pattern REVISION = Pattern.compile("-r([0-9]+)$");

  private final KubernetesClient client;
  private final StepNotes notes;

  GatewayRouter(KubernetesClient client) {
    this.client = client;
    this.notes = new StepNotes(client);
  }

  void route(String app, KubernetesConfig k, TrafficSplit split) {
    HTTPRoute route = RouteManifest.of(app, k, split);
    try {
      client.resource(route).createOr(NonDeletingOperation::update);
    } catch (KubernetesClientException e) {
      throw ApiErrors.of(
          "cannot set the weights of HTTPRoute " + k.namespace() + "/" + k.routeName(app),
          k.namespace(),
          e);
    }
    for (Backend backend : split.backends()) {
      notes.note(k.namespace(), app, split, backend, OptionalInt.empty());
    }
  }

  /** The split the HTTPRoute holds now, read back from its default rule. */
  TrafficSplit current(String app, KubernetesConfig k) {
    HTTPRoute route;
    try {
      route =
          client
              .resources(HTTPRoute.class)
              .inNamespace(k.namespace())
              .withName(k.routeName(app))
              .get();
    } catch (KubernetesClientException e) {
      throw ApiErrors.of("cannot read HTTPRoute " + k.routeName(app), k.namespace(), e);
    }
    if (route == null || route.getSpec() == null || route.getSpec().getRules() == null) {
      return TrafficSplit.none();
    }
    HTTPRouteRule fallthrough = null;
    for (HTTPRouteRule rule : route.getSpec().getRules()) {
      if (rule.getMatches() == null || rule.getMatches().isEmpty()) {
        fallthrough = rule;
      }
    }
    if (fallthrough == null || fallthrough.getBackendRefs() == null) {
      return TrafficSplit.none();
    }
    List<Backend> backends = new ArrayList<>();
    for (HTTPBackendRef ref : fallthrough.getBackendRefs()) {
      Matcher m = REVISION.matcher(ref.getName());
      if (m.find()) {
        int port = ref.getPort() == null ? k.containerPort() : ref.getPort();
        backends.add(
            new Backend(
                Integer.parseInt(m.group(1)),
                new Endpoint(ref.getName() + "." + k.namespace() + ".svc", port),
                ref.getWeight() == null ? 1 : ref.getWeight()));
      }
    }
    return new TrafficSplit(backends);
  }
}
