package io.relevo.core.config;

import java.time.Duration;

/**
 * Readiness (may the revision take traffic?) and liveness (is it still alive?).
 *
 * @param readiness checked after start until it passes or {@code readyTimeout} runs out
 * @param liveness checked while the revision serves; null = no liveness check
 * @param readyTimeout how long a new revision may take to become ready, default 60 s
 * @param maxUnhealthy how long a canary may fail its liveness check before the rollout aborts,
 *     default 2 min
 */
public record HealthConfig(
    ProbeConfig readiness, ProbeConfig liveness, Duration readyTimeout, Duration maxUnhealthy) {

  public HealthConfig {
    readiness = readiness == null ? ProbeConfig.defaults() : readiness;
    readyTimeout = readyTimeout == null ? Duration.ofSeconds(60) : readyTimeout;
    maxUnhealthy = maxUnhealthy == null ? Duration.ofMinutes(2) : maxUnhealthy;
  }

  public HealthConfig(ProbeConfig readiness, ProbeConfig liveness, Duration readyTimeout) {
    this(readiness, liveness, readyTimeout, null);
  }

  public static HealthConfig defaults() {
    return new HealthConfig(null, null, null, null);
  }
}
