package io.relevo.core.metrics;

/**
 * Cumulative counters of one revision.
 *
 * @param requests responses of any status, plus connection failures and timeouts
 * @param status2xx 1xx–2xx responses
 * @param status3xx 3xx responses
 * @param status4xx 4xx responses
 * @param status5xx 5xx responses from the revision
 * @param connectFailures requests that could not reach the revision (502 from the proxy)
 * @param timeouts requests the revision did not answer in time (504 from the proxy)
 * @param latency latency distribution of answered requests
 */
public record RevisionStats(
    long requests,
    long status2xx,
    long status3xx,
    long status4xx,
    long status5xx,
    long connectFailures,
    long timeouts,
    LatencySnapshot latency) {

  public static RevisionStats empty() {
    return new RevisionStats(0, 0, 0, 0, 0, 0, 0, LatencySnapshot.empty());
  }

  /** 5xx, connection failures and timeouts, as a share of all requests; 0 without requests. */
  public double errorRate() {
    return requests == 0 ? 0 : (double) (status5xx + connectFailures + timeouts) / requests;
  }
}
