package io.relevo.server;

import io.relevo.core.analysis.Condition;
import io.relevo.core.analysis.MetricEvidence;
import io.relevo.server.v1.RolloutEventView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON of the event stream's messages, one record per type (see docs/API.md, "Events"). */
final class EventData {

  private EventData() {}

  /** {@code rollout}: one rollout event, as the deploy's NDJSON stream carries it. */
  record Rollout(long rolloutId, RolloutEventView event) {}

  /** {@code weights}: the split now; {@code rolloutId} is null outside a rollout. */
  record Weights(Long rolloutId, Instant at, List<Share> weights) {
    Weights {
      weights = List.copyOf(weights);
    }
  }

  /**
   * One revision's share of traffic.
   *
   * @param role {@code stable} (the split's first revision), {@code canary} (any other one with a
   *     share, or any while a rollout is under way)
   */
  record Share(int revision, String version, String role, int weight) {}

  /**
   * {@code analysis}: one metric of one measurement.
   *
   * @param metric the built-in metric ({@code error_rate}, {@code latency_p95}, …), or the rule's
   *     name for a query
   * @param name the rule's name in the config
   * @param value what the condition compares (e.g. {@code canary - stable}), or the canary's value
   *     when it has no single threshold; null when the metric could not be taken
   * @param threshold the number the condition compares it with; null when it has none
   * @param verdict PASS, FAIL, INCONCLUSIVE or ERROR
   */
  record Analysis(
      Long rolloutId,
      Instant at,
      String analysis,
      int revision,
      int stableRevision,
      String metric,
      String name,
      Double value,
      Double threshold,
      Double canary,
      Double stable,
      String condition,
      String verdict,
      String detail) {

    static Analysis of(
        Long rolloutId,
        Instant at,
        String analysis,
        int revision,
        int stableRevision,
        MetricEvidence e) {
      boolean taken =
          !(e.verdict() == io.relevo.core.analysis.Verdict.ERROR
              && e.canaryRequests() == 0
              && e.stableRequests() == 0);
      Optional<Condition.Limit> limit = e.limit();
      Double value =
          !taken
              ? null
              : limit.map(Condition.Limit::value).map(EventData::finite).orElse(finite(e.canary()));
      return new Analysis(
          rolloutId,
          at,
          analysis,
          revision,
          stableRevision,
          e.metric() == io.relevo.core.analysis.Metric.QUERY ? e.name() : e.metric().builtinName(),
          e.name(),
          value,
          limit.map(Condition.Limit::threshold).orElse(null),
          taken ? finite(e.canary()) : null,
          taken ? finite(e.stable()) : null,
          e.condition().text(),
          e.verdict().name(),
          e.detail());
    }
  }

  /** {@code traffic}: each revision of the split over the last second. */
  record Traffic(Instant at, List<RevisionTraffic> revisions) {
    Traffic {
      revisions = List.copyOf(revisions);
    }
  }

  /**
   * One revision's traffic over the last second; latencies are null without requests.
   *
   * @param rps requests per second
   * @param errorRate errors (5xx, connection failures, timeouts) as a share of requests, 0..1
   */
  record RevisionTraffic(
      int revision,
      String version,
      String role,
      int weight,
      double rps,
      double errorRate,
      Double p50Ms,
      Double p99Ms) {}

  /** {@code reset}: drop what you hold and read the status that follows. */
  record Reset() {}

  /** JSON has no NaN or infinity: such a value goes out as null. */
  static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
