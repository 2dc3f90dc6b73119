package io.relevo.checks;

import io.relevo.core.health.HealthProbe;
import io.relevo.core.health.SmokeRunner;
import java.time.Duration;

/**
 * The health and smoke checks of relevo, on the JDK's HTTP client and sockets. Each returned object
 * is thread-safe and may be shared by every revision of every app.
 */
public final class Checks {

  /** How long a smoke check may wait for its response when it sets no {@code maxLatency}. */
  public static final Duration DEFAULT_SMOKE_TIMEOUT = Duration.ofSeconds(10);

  private Checks() {}

  /**
   * A probe that runs each check by its {@code type}: {@code http} (status and JSON {@code status}
   * field), {@code tcp} (connect) or {@code command} (exit code). Never throws.
   */
  public static HealthProbe healthProbe() {
    return new ProbeByType(new HttpProbe(Http.newClient()), new TcpProbe(), new CommandProbe());
  }

  /** A smoke runner whose requests give up after {@link #DEFAULT_SMOKE_TIMEOUT}. */
  public static SmokeRunner smokeRunner() {
    return smokeRunner(DEFAULT_SMOKE_TIMEOUT);
  }

  /**
   * A smoke runner whose requests give up after {@code timeout}, or after twice a check's {@code
   * maxLatency} when that is shorter: by then the check has failed anyway.
   */
  public static SmokeRunner smokeRunner(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
    return new HttpSmokeRunner(Http.newClient(), timeout);
  }
}
