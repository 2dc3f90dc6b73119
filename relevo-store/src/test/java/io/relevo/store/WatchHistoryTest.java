package io.relevo.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.store.WatchRecord;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchHistoryTest {

  @TempDir Path dir;

  private static WatchRecord watch(int promoted) {
    LatencyHistogram latency =
        LatencyHistogram.standard(9_990, micros -> micros >= 20_000 ? 9_990 : 0);
    RevisionStats reference =
        new RevisionStats(10_000, 9_990, 0, 0, 10, 0, 0, LatencySnapshot.empty(), latency);
    return new WatchRecord(
        "shop",
        7,
        promoted,
        promoted - 1,
        Fixtures.T0.plus(Duration.ofMinutes(5)),
        reference,
        Duration.ofMinutes(42));
  }

  @Test
  void aWatchComesBackAfterTheStoreIsReopenedWithItsReferenceTraffic() {
    Path file = dir.resolve("history.db");
    try (CloseableStore store = Stores.sqlite(file)) {
      store.saveWatch(watch(3));
    }

    try (CloseableStore store = Stores.sqlite(file)) {
      WatchRecord read = store.watch("shop").orElseThrow();

      assertThat(read.rolloutId()).isEqualTo(7);
      assertThat(read.promoted()).isEqualTo(3);
      assertThat(read.previous()).isEqualTo(2);
      assertThat(read.until())
          .isEqualTo(
              Fixtures.T0
                  .plus(Duration.ofMinutes(5))
                  .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
      assertThat(read.referenceSpan()).isEqualTo(Duration.ofMinutes(42));
      assertThat(read.reference().requests()).isEqualTo(10_000);
      assertThat(read.reference().errors()).isEqualTo(10);
      assertThat(read.reference().histogram()).isEqualTo(watch(3).reference().histogram());
    }
  }

  @Test
  void aNewWatchReplacesTheOldOneAndClearingForgetsIt() {
    try (CloseableStore store = Stores.sqlite(dir.resolve("history.db"))) {
      store.saveWatch(watch(3));
      store.saveWatch(watch(4));
      assertThat(store.watch("shop").orElseThrow().promoted()).isEqualTo(4);

      store.clearWatch("shop");

      assertThat(store.watch("shop")).isEmpty();
    }
  }
}
