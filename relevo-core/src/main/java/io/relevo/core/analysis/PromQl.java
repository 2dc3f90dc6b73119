package io.relevo.core.analysis;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Runs PromQL against a Prometheus server: the port behind {@link PromQlQuery} rules. The HTTP
 * client lives outside core.
 */
public interface PromQl {

  /**
   * The value of an instant query at {@code at}, or empty when it returned no series.
   *
   * @throws PromQlException when Prometheus cannot be reached, times out, answers an error, or
   *     returns more than one series
   */
  OptionalDouble instant(URI address, String query, Instant at, Duration timeout);

  /**
   * The mean of a range query's samples over {@code [at - range, at]} every {@code step}, or empty
   * when it returned no series.
   *
   * @throws PromQlException as {@link #instant}
   */
  OptionalDouble range(
      URI address, String query, Instant at, Duration range, Duration step, Duration timeout);

  /** No client: every query fails, so a PromQL rule errors (never passes). */
  static PromQl unavailable() {
    return new PromQl() {
      @Override
      public OptionalDouble instant(URI address, String query, Instant at, Duration timeout) {
        throw new PromQlException("no PromQL client in this agent");
      }

      @Override
      public OptionalDouble range(
          URI address, String query, Instant at, Duration range, Duration step, Duration timeout) {
        throw new PromQlException("no PromQL client in this agent");
      }
    };
  }

  /** A query that could not be answered; its message says why, for the evidence. */
  final class PromQlException extends RuntimeException {
    public PromQlException(String message) {
      super(message);
    }

    public PromQlException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
