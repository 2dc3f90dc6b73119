package io.relevo.core.analysis;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads one rule's canary and stable values from outside the proxy, e.g. Prometheus. The rule's
 * {@code fail_if} judges them; the analysis' judge does not (it needs per-request counts).
 */
interface MetricProvider {

  /**
   * The values now.
   *
   * @return empty when the source has no data for either side: the measurement is inconclusive,
   *     never a pass
   * @throws RuntimeException when the source cannot be read: an error, counted toward {@code
   *     consecutive_error_limit}, never a pass
   */
  Optional<Values> read(String app, int canaryRevision, int stableRevision, Instant at);

  /** The canary's and the stable revision's value. */
  record Values(double canary, double stable) {}

  /** The provider of a queried rule. */
  static MetricProvider of(PromQlQuery query, PromQl client) {
    return new PromQlProvider(query, client);
  }
}
