package io.relevo.proxy.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.RevisionStats;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountersAcrossRestartsTest {

  @Test
  void countersOfANewProxyProcessAddToTheLastReadingOfTheOldOne() {
    CountersAcrossRestarts counters =
        CountersAcrossRestarts.first(10, Map.of(1, stats(100, 2)))
            .next(10, Map.of(1, stats(150, 3)))
            .next(11, Map.of(1, stats(20, 1)));

    assertThat(counters.of(1).requests()).isEqualTo(170);
    assertThat(counters.of(1).status5xx()).isEqualTo(4);
  }

  @Test
  void aWindowAcrossTwoRestartsNeverSeesACounterGoBack() {
    CountersAcrossRestarts counters = CountersAcrossRestarts.first(1, Map.of(1, stats(50, 0)));
    long before = counters.of(1).requests();
    counters = counters.next(2, Map.of(1, stats(5, 0)));
    long after = counters.of(1).requests();
    counters = counters.next(3, Map.of(1, stats(1, 0)));

    assertThat(after).isGreaterThanOrEqualTo(before);
    assertThat(counters.of(1).requests()).isEqualTo(56);
  }

  @Test
  void aRevisionTheProxyNeverSawCountsNothing() {
    assertThat(CountersAcrossRestarts.first(1, Map.of()).of(7).requests()).isZero();
  }

  private static RevisionStats stats(long requests, long errors) {
    return new RevisionStats(
        requests, requests - errors, 0, 0, errors, 0, 0, LatencySnapshot.empty());
  }
}
