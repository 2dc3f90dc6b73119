package io.relevo.core.metrics;

/**
 * Cumulative counters of one revision.
 *
 * @param requests responses of any status, plus connection failures, timeouts and retried requests
 * @param status2xx 1xx–2xx responses
 * @param status3xx 3xx responses
 * @param status4xx 4xx responses
 * @param status5xx 5xx responses from the revision
 * @param connectFailures requests that could not reach the revision (502 from the proxy), and
 *     responses the revision broke off mid-body (the client's connection was closed)
 * @param timeouts requests the revision did not answer in time (504 from the proxy)
 * @param latency latency quantiles of answered requests, since the revision first took traffic
 * @param histogram latency distribution of answered requests as cumulative bucket counts, so the
 *     analysis can compute quantiles of a window (two snapshots subtracted); {@code null} when the
 *     source does not keep one, and then windowed quantiles fall back to {@code latency}
 * @param retried requests this revision failed before answering a byte (it refused the connection
 *     or reset it) that the router then answered from the stable revision: the user saw no error,
 *     but the analysis counts them as this revision's errors
 * @param inFlight how long the requests still waiting for this revision have waited so far, now
 *     (not cumulative): a request that has taken 4 s is at least that slow, and latency rules count
 *     it before it finishes; {@code null} when the source does not track requests in flight
 */
public record RevisionStats(
    long requests,
    long status2xx,
    long status3xx,
    long status4xx,
    long status5xx,
    long connectFailures,
    long timeouts,
    LatencySnapshot latency,
    LatencyHistogram histogram,
    long retried,
    LatencyHistogram inFlight) {

  /** Counters without retries or requests in flight (sources that only count answers). */
  public RevisionStats(
      long requests,
      long status2xx,
      long status3xx,
      long status4xx,
      long status5xx,
      long connectFailures,
      long timeouts,
      LatencySnapshot latency,
      LatencyHistogram histogram) {
    this(
        requests,
        status2xx,
        status3xx,
        status4xx,
        status5xx,
        connectFailures,
        timeouts,
        latency,
        histogram,
        0,
        null);
  }

  /** Counters without a latency histogram (sources that only keep quantiles). */
  public RevisionStats(
      long requests,
      long status2xx,
      long status3xx,
      long status4xx,
      long status5xx,
      long connectFailures,
      long timeouts,
      LatencySnapshot latency) {
    this(
        requests,
        status2xx,
        status3xx,
        status4xx,
        status5xx,
        connectFailures,
        timeouts,
        latency,
        null);
  }

  public static RevisionStats empty() {
    return new RevisionStats(
        0, 0, 0, 0, 0, 0, 0, LatencySnapshot.empty(), LatencyHistogram.empty());
  }

  /**
   * The counters of both sources together, as if one had seen all their requests (the router's user
   * traffic plus relevo's synthetic load, say). Counters and requests in flight add up; histograms
   * add bucket by bucket. Latency quantiles are recomputed from the summed histogram when both
   * sides have samples, and otherwise are the side's that has them (with both sides lacking a
   * histogram, the larger sample's, over the summed count). A {@code null} histogram counts as
   * empty while its side has no requests; after that the sum has none either, because its samples
   * cannot be placed (windowed quantiles then fall back to {@code latency}).
   */
  public RevisionStats plus(RevisionStats other) {
    LatencyHistogram summed = StatsSum.histogram(this, other);
    return new RevisionStats(
        requests + other.requests,
        status2xx + other.status2xx,
        status3xx + other.status3xx,
        status4xx + other.status4xx,
        status5xx + other.status5xx,
        connectFailures + other.connectFailures,
        timeouts + other.timeouts,
        StatsSum.latency(latency, other.latency, summed),
        summed,
        retried + other.retried,
        StatsSum.inFlight(inFlight, other.inFlight));
  }

  /** 5xx, connection failures, timeouts and retried requests: what the analysis counts. */
  public long errors() {
    return status5xx + connectFailures + timeouts + retried;
  }

  /** {@link #errors()} as a share of all requests; 0 without requests. */
  public double errorRate() {
    return requests == 0 ? 0 : (double) errors() / requests;
  }
}
