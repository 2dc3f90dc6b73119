package io.relevo.server;

import io.relevo.store.CloseableStore;
import io.relevo.store.Stores;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The history store, opening on a thread of its own so that the agent builds its other parts
 * meanwhile. {@link #await()} hands the store over, or throws what opening it threw (a {@code
 * RelevoException} naming the file), as if it had been opened on the caller's thread.
 */
final class StoreOpening {

  private final CompletableFuture<CloseableStore> store;
  private final AtomicBoolean taken = new AtomicBoolean();

  private StoreOpening(CompletableFuture<CloseableStore> store) {
    this.store = store;
  }

  /** Starts opening the SQLite history at {@code file} ({@link Stores#sqlite}). */
  static StoreOpening start(Path file) {
    CompletableFuture<CloseableStore> store = new CompletableFuture<>();
    Thread.ofPlatform()
        .name("relevo-store-open")
        .daemon()
        .start(
            () -> {
              try {
                store.complete(Stores.sqlite(file));
              } catch (Throwable e) {
                store.completeExceptionally(e);
              }
            });
    return new StoreOpening(store);
  }

  /** Waits for the store and hands it over: the caller closes it from then on. */
  CloseableStore await() {
    try {
      CloseableStore open = store.join();
      taken.set(true);
      return open;
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** For a start that failed before {@link #await()}: closes the store once it is open. */
  void closeWhenOpen() {
    if (!taken.get()) {
      store.thenAccept(CloseableStore::close);
    }
  }
}
