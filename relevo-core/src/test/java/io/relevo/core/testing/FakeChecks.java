package io.relevo.core.testing;

import io.relevo.core.config.ProbeConfig;
import io.relevo.core.config.SmokeCheck;
import io.relevo.core.health.HealthProbe;
import io.relevo.core.health.HealthResult;
import io.relevo.core.health.SmokeResult;
import io.relevo.core.health.SmokeRunner;
import io.relevo.core.runtime.Endpoint;
import java.time.Duration;

/**
 * Health and smoke checks answered from the fake runtime's versions: {@code notready} never passes
 * readiness, {@code slowstart} passes from the third check, {@code badsmoke} fails smoke checks.
 */
public final class FakeChecks implements HealthProbe, SmokeRunner {

  private final FakeRuntime runtime;
  private final java.util.Set<String> sick = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public FakeChecks(FakeRuntime runtime) {
    this.runtime = runtime;
  }

  private final java.util.concurrent.CountDownLatch held =
      new java.util.concurrent.CountDownLatch(1);
  public final java.util.concurrent.atomic.AtomicInteger heldChecks =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Lets the checks of versions containing {@code held} answer (they wait until then, 10 s at
   * most).
   */
  public void release() {
    held.countDown();
  }

  /** From now on, every check of {@code version} fails (a revision that turns unhealthy). */
  public void sicken(String version) {
    sick.add(version);
  }

  public void heal(String version) {
    sick.remove(version);
  }

  @Override
  public HealthResult check(Endpoint endpoint, ProbeConfig probe) {
    var instance = runtime.byEndpoint(endpoint).orElse(null);
    if (instance == null || !instance.isAlive()) {
      return HealthResult.fail("connection refused", Duration.ofMillis(1));
    }
    if (instance.version.contains("held")) {
      heldChecks.incrementAndGet();
      try {
        held.await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return HealthResult.fail("connection refused", Duration.ofMillis(1));
    }
    if (sick.contains(instance.version)) {
      return HealthResult.fail("HTTP 500 (expected: 200)", Duration.ofMillis(2));
    }
    int attempt = instance.healthChecks.incrementAndGet();
    if (instance.version.contains("notready")) {
      return HealthResult.fail("HTTP 503, status=unhealthy", Duration.ofMillis(2));
    }
    if (instance.version.contains("slowstart") && attempt < 3) {
      return HealthResult.fail("connection refused", Duration.ofMillis(1));
    }
    return HealthResult.pass("HTTP 200, status=healthy", Duration.ofMillis(2));
  }

  @Override
  public SmokeResult run(Endpoint endpoint, SmokeCheck check) {
    var instance = runtime.byEndpoint(endpoint).orElseThrow();
    if (instance.version.contains("badsmoke")) {
      return new SmokeResult(
          check.name(),
          false,
          check.name() + ": status 500 (expected: " + check.expectStatus() + ")",
          Duration.ofMillis(3));
    }
    return new SmokeResult(check.name(), true, check.name() + ": 200", Duration.ofMillis(3));
  }
}
