package io.relevo.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.relevo.core.config.ProbeConfig;
import io.relevo.core.config.SmokeCheck;
import io.relevo.core.health.HealthProbe;
import io.relevo.core.health.HealthResult;
import io.relevo.core.health.SmokeResult;
import io.relevo.core.health.SmokeRunner;
import io.relevo.core.runtime.Endpoint;
import java.time.Duration;

/**
 * Checks that reach a revision through its Service, as far as a mock API server allows: no pod
 * answers HTTP there, so a check passes when the Service {@code NAME.NAMESPACE.svc} exists and its
 * Deployment has ready replicas, and fails otherwise.
 */
final class ServiceChecks implements HealthProbe, SmokeRunner {

  private final KubernetesClient client;

  ServiceChecks(KubernetesClient client) {
    this.client = client;
  }

  private boolean ready(Endpoint endpoint) {
    String[] parts = endpoint.host().split("\\.");
    var deployment = client.apps().deployments().inNamespace(parts[1]).withName(parts[0]).get();
    return client.services().inNamespace(parts[1]).withName(parts[0]).get() != null
        && deployment != null
        && deployment.getStatus() != null
        && deployment.getStatus().getReadyReplicas() != null
        && deployment.getStatus().getReadyReplicas() > 0;
  }

  @Override
  public HealthResult check(Endpoint endpoint, ProbeConfig probe) {
    return ready(endpoint)
        ? HealthResult.pass("HTTP 200 through the Service", Duration.ofMillis(1))
        : HealthResult.fail("no ready endpoints behind the Service", Duration.ofMillis(1));
  }

  @Override
  public SmokeResult run(Endpoint endpoint, SmokeCheck check) {
    boolean ok = ready(endpoint);
    return new SmokeResult(
        check.name(), ok, check.name() + (ok ? ": 200" : ": 503"), Duration.ofMillis(1));
  }
}
