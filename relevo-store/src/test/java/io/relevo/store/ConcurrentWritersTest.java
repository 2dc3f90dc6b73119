package io.relevo.store;

import static io.relevo.store.Fixtures.T0;
import static io.relevo.store.Fixtures.revision;
import static io.relevo.store.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.store.RolloutEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentWritersTest {

  static final int THREADS = 8;
  static final int WRITES_PER_THREAD = 40;

  @TempDir Path dir;

  @Test
  void eightThreadsWritingAtOnceLoseNothing() throws Exception {
    Path file = dir.resolve("history.db");
    List<Long> rolloutIds = new ArrayList<>();
    try (CloseableStore store = Stores.sqlite(file)) {
      long shared = store.startRollout(rollout("shared", null, 1, T0));
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Long>> futures = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
        for (int t = 0; t < THREADS; t++) {
          String app = "app-" + t;
          futures.add(
              pool.submit(
                  () -> {
                    go.await();
                    long own = store.startRollout(rollout(app, null, 1, T0));
                    for (int i = 1; i <= WRITES_PER_THREAD; i++) {
                      store.saveRevision(revision(app, store.nextRevisionNumber(app)));
                      store.appendEvent(
                          shared,
                          new RolloutEvent(T0, app, RolloutEvent.Status.PROGRESS, "#" + i, null));
                      store.appendEvent(
                          own, new RolloutEvent(T0, "step", RolloutEvent.Status.OK, "#" + i, null));
                    }
                    return own;
                  }));
        }
        go.countDown();
        for (Future<Long> future : futures) {
          rolloutIds.add(future.get());
        }
      }
    }

    try (CloseableStore store = Stores.sqlite(file)) {
      for (int t = 0; t < THREADS; t++) {
        assertThat(store.revisions("app-" + t)).hasSize(WRITES_PER_THREAD);
        assertThat(store.nextRevisionNumber("app-" + t)).isEqualTo(WRITES_PER_THREAD + 1);
      }
      Set<Long> distinct = new HashSet<>(rolloutIds);
      assertThat(distinct).hasSize(THREADS);
      for (long id : rolloutIds) {
        assertThat(store.rollout(id).orElseThrow().events()).hasSize(WRITES_PER_THREAD);
      }
      List<RolloutEvent> sharedEvents = store.rollouts("shared", 1).getFirst().events();
      assertThat(sharedEvents).hasSize(THREADS * WRITES_PER_THREAD);
      // Each thread's own events stay in the order that thread wrote them.
      for (int t = 0; t < THREADS; t++) {
        String app = "app-" + t;
        assertThat(
                sharedEvents.stream().filter(e -> e.step().equals(app)).map(RolloutEvent::message))
            .containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, WRITES_PER_THREAD)
                    .mapToObj(i -> "#" + i)
                    .toList());
      }
    }
  }
}
