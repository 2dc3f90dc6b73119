package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.metrics.LatencyHistogram;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {

  private static final long[] BOUNDS = LatencyHistogram.standardBoundsMicros();

  @Test
  void aSampleOnABoundGoesToTheBucketThatBoundCloses() {
    for (int i = 0; i < BOUNDS.length - 1; i++) {
      assertThat(LatencyBuckets.bucketOf(BOUNDS[i])).as("bound %d", BOUNDS[i]).isEqualTo(i);
      assertThat(LatencyBuckets.bucketOf(BOUNDS[i] + 1))
          .as("bound %d + 1", BOUNDS[i])
          .isEqualTo(i + 1);
    }
  }

  @Test
  void zeroNegativeAndHugeSamplesLandInTheFirstAndOverflowBuckets() {
    assertThat(LatencyBuckets.bucketOf(0)).isZero();
    assertThat(LatencyBuckets.bucketOf(-5)).isZero();
    assertThat(LatencyBuckets.bucketOf(Long.MAX_VALUE)).isEqualTo(BOUNDS.length - 1);
    assertThat(LatencyBuckets.bucketOf(200_000_000)).isEqualTo(BOUNDS.length - 1);
  }

  @Test
  void twoSnapshotsSubtractToTheSamplesRecordedBetweenThem() {
    LatencyBuckets buckets = new LatencyBuckets();
    buckets.record(50);
    buckets.record(1_000);
    LatencyHistogram before = buckets.snapshot();
    buckets.record(1_000);
    buckets.record(2_000_000);
    buckets.record(2_000_000);
    LatencyHistogram window = buckets.snapshot().minus(before);

    long[] counts = window.counts();
    assertThat(window.totalCount()).isEqualTo(3);
    assertThat(counts[LatencyBuckets.bucketOf(1_000)]).isEqualTo(1);
    assertThat(counts[LatencyBuckets.bucketOf(2_000_000)]).isEqualTo(2);
    assertThat(counts[LatencyBuckets.bucketOf(50)]).isZero();
  }
}
