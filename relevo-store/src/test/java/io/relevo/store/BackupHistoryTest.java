package io.relevo.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.database.Backup;
import io.relevo.core.database.DumpResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupHistoryTest {

  private static final String SHA = "ab".repeat(32);

  @TempDir Path dir;

  private static Backup backup(String app, int minutes, long rollout) {
    return new Backup(
        0,
        app,
        3,
        rollout,
        "/backups/" + app + "-" + minutes + ".dump",
        new DumpResult(4096, SHA, 5),
        Fixtures.T0.plus(Duration.ofMinutes(minutes)),
        "before rollout " + rollout);
  }

  @Test
  void backupsComeBackNewestFirstWithTheirSizeChecksumAndTablesAfterAReopen() {
    Path file = dir.resolve("history.db");
    long first;
    try (CloseableStore store = Stores.sqlite(file)) {
      first = store.saveBackup(backup("shop", 1, 7));
      store.saveBackup(backup("shop", 2, 0));
      store.saveBackup(backup("other", 3, 9));
    }

    try (CloseableStore store = Stores.sqlite(file)) {
      assertThat(store.backups("shop"))
          .extracting(Backup::file)
          .containsExactly("/backups/shop-2.dump", "/backups/shop-1.dump");
      Backup oldest = store.backups("shop").get(1);
      assertThat(oldest.id()).isEqualTo(first);
      assertThat(oldest.rolloutId()).isEqualTo(7);
      assertThat(oldest.dump()).isEqualTo(new DumpResult(4096, SHA, 5));
      assertThat(oldest.takenAt()).isEqualTo(Fixtures.T0.plus(Duration.ofMinutes(1)));
      assertThat(oldest.trigger()).isEqualTo("before rollout 7");
    }
  }

  @Test
  void aDeletedBackupIsForgotten() {
    try (CloseableStore store = Stores.sqlite(dir.resolve("history.db"))) {
      long id = store.saveBackup(backup("shop", 1, 7));
      store.saveBackup(backup("shop", 2, 8));

      store.deleteBackup(id);

      assertThat(store.backups("shop")).extracting(Backup::rolloutId).containsExactly(8L);
    }
  }
}
