package io.relevo.core.health;

import java.time.Duration;

/**
 * One attempt's outcome.
 *
 * @param passed whether it counts as healthy
 * @param detail what was seen, for people: {@code HTTP 200 status=healthy}, {@code connection
 *     refused}
 * @param took how long the attempt took
 */
public record HealthResult(boolean passed, String detail, Duration took) {

  public static HealthResult pass(String detail, Duration took) {
    return new HealthResult(true, detail, took);
  }

  public static HealthResult fail(String detail, Duration took) {
    return new HealthResult(false, detail, took);
  }
}
