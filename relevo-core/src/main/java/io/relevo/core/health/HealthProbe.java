package io.relevo.core.health;

import io.relevo.core.config.ProbeConfig;
import io.relevo.core.runtime.Endpoint;

/** Runs one health check attempt against a revision. Must not throw: a failure is a result. */
public interface HealthProbe {

  HealthResult check(Endpoint endpoint, ProbeConfig probe);
}
