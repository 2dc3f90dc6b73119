package io.relevo.store;

import io.relevo.core.store.AppState;
import java.nio.file.Path;

/** Run in a child JVM from a single merged jar by {@link StoreFromJarIT}: opens, writes, reads. */
public final class JarSmokeMain {

  private JarSmokeMain() {}

  public static void main(String[] args) {
    try (CloseableStore store = Stores.sqlite(Path.of(args[0]))) {
      store.saveAppState(new AppState("shop", 1, 1));
      System.out.println("stable=" + store.appState("shop").orElseThrow().stableRevision());
    }
  }
}
