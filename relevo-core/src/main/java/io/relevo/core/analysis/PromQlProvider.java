package io.relevo.core.analysis;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/** A {@link PromQlQuery} run through the {@link PromQl} port, once per side. */
final class PromQlProvider implements MetricProvider {

  private final PromQlQuery query;
  private final PromQl client;

  PromQlProvider(PromQlQuery query, PromQl client) {
    this.query = query;
    this.client = client;
  }

  @Override
  public Optional<Values> read(String app, int canaryRevision, int stableRevision, Instant at) {
    OptionalDouble canary = run(query.render(app, canaryRevision, stableRevision), at);
    OptionalDouble stable = run(query.render(app, stableRevision, canaryRevision), at);
    if (canary.isEmpty() || stable.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Values(canary.getAsDouble(), stable.getAsDouble()));
  }

  private OptionalDouble run(String promql, Instant at) {
    return query.range() == null
        ? client.instant(query.address(), promql, at, query.timeout())
        : client.range(query.address(), promql, at, query.range(), query.step(), query.timeout());
  }

  @Override
  public String toString() {
    return "prometheus " + query.address() + " " + query.query();
  }
}
