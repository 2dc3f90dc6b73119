package io.relevo.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.store.AppState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppStateTest {

  @TempDir Path dir;

  @Test
  void anAppWithoutStateIsEmpty() {
    try (CloseableStore store = Stores.sqlite(dir.resolve("history.db"))) {
      assertThat(store.appState("shop")).isEmpty();
    }
  }

  @Test
  void savingStateAgainReplacesItIncludingNulls() {
    try (CloseableStore store = Stores.sqlite(dir.resolve("history.db"))) {
      store.saveAppState(new AppState("shop", 3, 3));
      store.saveAppState(new AppState("blog", 1, null));
      store.saveAppState(new AppState("shop", 4, null));

      assertThat(store.appState("shop")).contains(new AppState("shop", 4, null));
      assertThat(store.appState("blog")).contains(new AppState("blog", 1, null));
    }
  }
}
