package io.relevo.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RevisionStatsPlusTest {

  /** {@code count} answers of {@code micros} each, on the standard bounds. */
  private static LatencyHistogram samples(long count, long micros) {
    return LatencyHistogram.standard(count, v -> v >= micros ? count : 0);
  }

  private static RevisionStats answered(long ok, long failed5xx, long micros) {
    long total = ok + failed5xx;
    return new RevisionStats(
        total,
        ok,
        0,
        0,
        failed5xx,
        0,
        0,
        new LatencySnapshot(total, micros, micros, micros, micros),
        samples(total, micros));
  }

  @Test
  void countersAddUp() {
    RevisionStats a =
        new RevisionStats(10, 1, 2, 3, 4, 5, 6, LatencySnapshot.empty(), null, 7, null);
    RevisionStats b =
        new RevisionStats(100, 10, 20, 30, 40, 50, 60, LatencySnapshot.empty(), null, 70, null);

    RevisionStats sum = a.plus(b);

    assertThat(sum.requests()).isEqualTo(110);
    assertThat(sum.status2xx()).isEqualTo(11);
    assertThat(sum.status3xx()).isEqualTo(22);
    assertThat(sum.status4xx()).isEqualTo(33);
    assertThat(sum.status5xx()).isEqualTo(44);
    assertThat(sum.connectFailures()).isEqualTo(55);
    assertThat(sum.timeouts()).isEqualTo(66);
    assertThat(sum.retried()).isEqualTo(77);
    assertThat(sum.errors()).isEqualTo(a.errors() + b.errors());
  }

  @Test
  void histogramsAddBucketByBucket() {
    RevisionStats sum = answered(90, 0, 1_000).plus(answered(10, 0, 50_000));

    assertThat(sum.histogram().totalCount()).isEqualTo(100);
    long[] fast = samples(90, 1_000).counts();
    long[] slow = samples(10, 50_000).counts();
    long[] summed = sum.histogram().counts();
    for (int i = 0; i < summed.length; i++) {
      assertThat(summed[i]).as("bucket %d", i).isEqualTo(fast[i] + slow[i]);
    }
  }

  @Test
  void histogramsOnDifferentBoundsDoNotAdd() {
    LatencyHistogram coarse =
        new LatencyHistogram(new long[] {1_000, Long.MAX_VALUE}, new long[] {5, 0});

    assertThatThrownBy(() -> coarse.plus(LatencyHistogram.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("other: bounds differ (expected: the same bucket bounds in both histograms)");
  }

  @Test
  void quantilesAreRecomputedFromTheSummedHistogram() {
    RevisionStats sum = answered(90, 0, 1_000).plus(answered(10, 0, 50_000));

    assertThat(sum.latency().count()).isEqualTo(100);
    assertThat(sum.latency().p50Micros()).isBetween(900L, 1_200L);
    assertThat(sum.latency().p99Micros()).isBetween(40_000L, 50_000L);
    assertThat(sum.latency().maxMicros()).isEqualTo(50_000);
  }

  @Test
  void addingEmptyStatsChangesNothing() {
    RevisionStats stats = answered(40, 2, 3_000);

    assertThat(stats.plus(RevisionStats.empty())).isEqualTo(stats);
    assertThat(RevisionStats.empty().plus(stats)).isEqualTo(stats);
  }

  @Test
  void aNullHistogramWithoutRequestsCountsAsEmpty() {
    RevisionStats quiet = new RevisionStats(0, 0, 0, 0, 0, 0, 0, LatencySnapshot.empty(), null);
    RevisionStats busy = answered(10, 0, 2_000);

    assertThat(quiet.plus(busy).histogram()).isEqualTo(busy.histogram());
    assertThat(busy.plus(quiet).histogram()).isEqualTo(busy.histogram());
  }

  @Test
  void aNullHistogramWithRequestsLeavesTheSumWithoutOne() {
    RevisionStats quantilesOnly =
        new RevisionStats(30, 30, 0, 0, 0, 0, 0, new LatencySnapshot(30, 5, 6, 7, 8));
    RevisionStats sum = quantilesOnly.plus(answered(10, 0, 2_000));

    assertThat(sum.histogram()).isNull();
    // Without a histogram to add, the larger sample's quantiles stand for both.
    assertThat(sum.latency()).isEqualTo(new LatencySnapshot(40, 5, 6, 7, 2_000));
  }

  @Test
  void nullLatencyCountsAsNoSamples() {
    RevisionStats noLatency = new RevisionStats(0, 0, 0, 0, 0, 0, 0, null, null);
    RevisionStats busy = answered(10, 0, 2_000);

    assertThat(noLatency.plus(busy).latency()).isEqualTo(busy.latency());
  }

  @Test
  void requestsInFlightAddUpAndAnUntrackedSideAddsNothing() {
    LatencyHistogram waiting = samples(3, 4_000_000);
    RevisionStats tracked =
        new RevisionStats(0, 0, 0, 0, 0, 0, 0, LatencySnapshot.empty(), null, 0, waiting);
    RevisionStats untracked = RevisionStats.empty();

    assertThat(tracked.plus(tracked).inFlight().totalCount()).isEqualTo(6);
    assertThat(tracked.plus(untracked).inFlight()).isEqualTo(waiting);
    assertThat(untracked.plus(tracked).inFlight()).isEqualTo(waiting);
    assertThat(untracked.plus(untracked).inFlight()).isNull();
  }

  @Test
  void histogramsOnDifferentBoundsLeaveTheSumWithoutOne() {
    LatencyHistogram coarse =
        new LatencyHistogram(new long[] {1_000, Long.MAX_VALUE}, new long[] {5, 0});
    RevisionStats other =
        new RevisionStats(5, 5, 0, 0, 0, 0, 0, new LatencySnapshot(5, 9, 9, 9, 9), coarse);

    RevisionStats sum = other.plus(answered(10, 0, 2_000));

    assertThat(sum.histogram()).isNull();
    assertThat(sum.latency().count()).isEqualTo(15);
    assertThat(sum.latency().p95Micros()).isEqualTo(2_000);
  }
}
