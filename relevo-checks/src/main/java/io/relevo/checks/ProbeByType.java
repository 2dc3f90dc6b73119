package io.relevo.checks;

import io.relevo.core.config.ProbeConfig;
import io.relevo.core.health.HealthProbe;
import io.relevo.core.health.HealthResult;
import io.relevo.core.runtime.Endpoint;
import java.time.Duration;

/** Hands each check to the probe of its type, and turns any surprise into a failed result. */
final class ProbeByType implements HealthProbe {

  private final HealthProbe http;
  private final HealthProbe tcp;
  private final HealthProbe command;

  ProbeByType(HealthProbe http, HealthProbe tcp, HealthProbe command) {
    this.http = http;
    this.tcp = tcp;
    this.command = command;
  }

  @Override
  public HealthResult check(Endpoint endpoint, ProbeConfig probe) {
    HealthProbe delegate =
        switch (probe.type()) {
          case HTTP -> http;
          case TCP -> tcp;
          case COMMAND -> command;
        };
    try {
      return delegate.check(endpoint, probe);
    } catch (RuntimeException e) {
      // The port says a probe never throws: a bug here must not stop a rollout's loop.
      return HealthResult.fail("probe failed: " + e, Duration.ZERO);
    }
  }
}
