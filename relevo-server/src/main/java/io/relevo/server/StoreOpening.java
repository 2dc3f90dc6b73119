package io.relevo.server;

import io.relevo.store.CloseableStore;
import io.relevo.store.Stores;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The history store, opening on a thread of its own so that the agent builds its other parts
 * meanwhile. {@link #await()} hands the store over, or throws what opening it threw (a {@code
 * RelevoException} naming the file), as if it had been opened on the caller's thread.
 */
final class StoreOpening {

  private final InBackground<CloseableStore> store;
  private final AtomicBoolean taken = new AtomicBoolean();

  private StoreOpening(InBackground<CloseableStore> store) {
    this.store = store;
  }

  /** Starts opening the SQLite history at {@code file} ({@link Stores#sqlite}). */
  static StoreOpening start(Path file) {
    return new StoreOpening(InBackground.start("relevo-store-open", () -> Stores.sqlite(file)));
  }

  /** Waits for the store and hands it over: the caller closes it from then on. */
  CloseableStore await() {
    CloseableStore open = store.await();
    taken.set(true);
    return open;
  }

  /** For a start that failed before {@link #await()}: closes the store once it is open. */
  void closeWhenOpen() {
    if (!taken.get()) {
      store.whenDone(CloseableStore::close);
    }
  }
}
