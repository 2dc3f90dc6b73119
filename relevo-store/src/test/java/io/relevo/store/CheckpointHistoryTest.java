package io.relevo.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.store.RolloutCheckpoint;
import io.relevo.core.store.RolloutCheckpoint.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointHistoryTest {

  @TempDir Path dir;

  @Test
  void aCheckpointComesBackAfterTheStoreIsReopenedWithEveryField() {
    Path file = dir.resolve("history.db");
    RolloutCheckpoint written =
        new RolloutCheckpoint(
            7,
            "shop",
            3,
            25,
            Phase.PAUSE,
            Fixtures.T0.plus(Duration.ofMinutes(10)),
            null,
            0,
            0,
            Fixtures.T0);
    try (CloseableStore store = Stores.sqlite(file)) {
      store.saveCheckpoint(written);
    }

    try (CloseableStore store = Stores.sqlite(file)) {
      RolloutCheckpoint read = store.checkpoint(7).orElseThrow();

      assertThat(read)
          .isEqualTo(
              new RolloutCheckpoint(
                  7,
                  "shop",
                  3,
                  25,
                  Phase.PAUSE,
                  Fixtures.T0.plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS),
                  null,
                  0,
                  0,
                  Fixtures.T0.truncatedTo(ChronoUnit.MILLIS)));
    }
  }

  @Test
  void aLaterCheckpointReplacesTheEarlierOneAndClearingForgetsIt() {
    try (CloseableStore store = Stores.sqlite(dir.resolve("history.db"))) {
      store.saveCheckpoint(RolloutCheckpoint.ready(7, "shop", Fixtures.T0));
      store.saveCheckpoint(
          new RolloutCheckpoint(
              7, "shop", 2, 10, Phase.ANALYSIS, null, "default", 2, 1, Fixtures.T0));
      store.saveCheckpoint(RolloutCheckpoint.ready(8, "other", Fixtures.T0));

      RolloutCheckpoint read = store.checkpoint(7).orElseThrow();
      assertThat(read.phase()).isEqualTo(Phase.ANALYSIS);
      assertThat(read.analysis()).isEqualTo("default");
      assertThat(read.passed()).isEqualTo(2);
      assertThat(read.failed()).isEqualTo(1);

      store.clearCheckpoint(7);
      assertThat(store.checkpoint(7)).isEmpty();
      assertThat(store.checkpoint(8)).isPresent();
    }
  }
}
