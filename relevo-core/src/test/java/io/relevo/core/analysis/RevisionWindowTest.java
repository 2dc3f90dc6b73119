package io.relevo.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.RevisionStats;
import org.junit.jupiter.api.Test;

class RevisionWindowTest {

  private static final int CANARY = 2;

  @Test
  void aWindowHoldsOnlyTheRequestsBetweenTwoSnapshots() {
    Traffic traffic = new Traffic().serve(CANARY, 1000, 10, 20_000);
    RevisionStats before = traffic.snapshot(CANARY);
    traffic.serve(CANARY, 200, 30, 20_000).connectFailures(CANARY, 10);

    RevisionWindow window = RevisionWindow.between(before, traffic.snapshot(CANARY));

    assertThat(window.requests()).isEqualTo(210);
    assertThat(window.errors()).isEqualTo(40);
    assertThat(Metric.ERROR_RATE.value(window)).isCloseTo(40 / 210.0, within(1e-12));
    assertThat(Metric.AVAILABILITY.value(window)).isCloseTo(170 / 210.0, within(1e-12));
    assertThat(Metric.REQUEST_COUNT.value(window)).isEqualTo(210);
  }

  @Test
  void latencyQuantilesOfAWindowIgnoreTheTrafficBeforeIt() {
    // 10,000 fast requests before, then 100 slow ones: cumulative p95 would still be fast.
    Traffic traffic = new Traffic().serve(CANARY, 10_000, 0, 20_000);
    RevisionStats before = traffic.snapshot(CANARY);
    traffic.serve(CANARY, 100, 0, 4_000_000);

    RevisionWindow window = RevisionWindow.between(before, traffic.snapshot(CANARY));

    // Within one standard bucket (at most 19% wide) of the 4 s the requests took.
    assertThat(Metric.LATENCY_P95.value(window)).isBetween(4.0 / 1.19, 4.0 * 1.19);
    assertThat(Metric.LATENCY_P50.value(window)).isBetween(4.0 / 1.19, 4.0 * 1.19);
    assertThat(
            Metric.LATENCY_P95.value(
                RevisionWindow.between(RevisionStats.empty(), traffic.snapshot(CANARY))))
        .isLessThan(0.03);
  }

  @Test
  void quantilesAreWithinOneBucketOfTheRecordedLatency() {
    Traffic traffic = new Traffic().serve(CANARY, 50, 0, 100_000).serve(CANARY, 50, 0, 1_000_000);
    RevisionWindow window = RevisionWindow.between(RevisionStats.empty(), traffic.snapshot(CANARY));

    assertThat(Metric.LATENCY_P50.value(window)).isBetween(0.1 / 1.19, 0.1 * 1.19);
    assertThat(Metric.LATENCY_P99.value(window)).isBetween(1.0 / 1.19, 1.0 * 1.19);
  }

  @Test
  void countersThatWentBackwardsMeanTheSourceRestartedAndTheWindowIsWhatItHoldsNow() {
    RevisionStats before = new Traffic().serve(CANARY, 5000, 50, 20_000).snapshot(CANARY);
    RevisionStats after = new Traffic().serve(CANARY, 300, 3, 20_000).snapshot(CANARY);

    RevisionWindow window = RevisionWindow.between(before, after);

    assertThat(window.requests()).isEqualTo(300);
    assertThat(window.errors()).isEqualTo(3);
    assertThat(window.hasWindowedLatency()).isTrue();
  }

  @Test
  void withoutAHistogramLatencyFallsBackToTheCumulativeQuantiles() {
    RevisionStats before = new RevisionStats(100, 100, 0, 0, 0, 0, 0, LatencySnapshot.empty());
    RevisionStats after =
        new RevisionStats(
            300, 300, 0, 0, 0, 0, 0, new LatencySnapshot(300, 20_000, 250_000, 900_000, 1_200_000));

    RevisionWindow window = RevisionWindow.between(before, after);

    assertThat(window.hasWindowedLatency()).isFalse();
    assertThat(Metric.LATENCY_P95.value(window)).isEqualTo(0.25);
    assertThat(Metric.LATENCY_P99.value(window)).isEqualTo(0.9);
  }

  @Test
  void anEmptyWindowHasNoErrorsAndFullAvailability() {
    RevisionWindow window = RevisionWindow.between(RevisionStats.empty(), RevisionStats.empty());

    assertThat(Metric.ERROR_RATE.value(window)).isZero();
    assertThat(Metric.AVAILABILITY.value(window)).isEqualTo(1);
    assertThat(Metric.LATENCY_P95.value(window)).isZero();
  }
}
