package io.relevo.observe.notify;

import java.time.Duration;

/**
 * How often a notice is tried: {@code attempts} in all, waiting {@code firstWait} after the first
 * failure and twice as long after each next one.
 */
public record Retry(int attempts, Duration firstWait) {

  /** 4 attempts over about 7 s: 1 s, 2 s, 4 s apart. */
  public static final Retry DEFAULT = new Retry(4, Duration.ofSeconds(1));

  public Retry {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts: " + attempts + " (expected: >= 1)");
    }
    if (firstWait == null || firstWait.isNegative()) {
      throw new IllegalArgumentException("firstWait: " + firstWait + " (expected: >= 0)");
    }
  }

  /** The wait after failed attempt {@code n} (1-based). */
  Duration waitAfter(int n) {
    return firstWait.multipliedBy(1L << Math.min(n - 1, 20));
  }
}
