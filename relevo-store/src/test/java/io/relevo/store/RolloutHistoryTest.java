package io.relevo.store;

import static io.relevo.store.Fixtures.T0;
import static io.relevo.store.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutHistoryTest {

  @TempDir Path dir;
  CloseableStore store;

  @BeforeEach
  void open() {
    store = Stores.sqlite(dir.resolve("history.db"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aStartedRolloutIsRunningWithItsFieldsAndNoEvents() {
    long id = store.startRollout(rollout("shop", null, 1, T0));

    RolloutRecord read = store.rollout(id).orElseThrow();
    assertThat(read)
        .isEqualTo(
            new RolloutRecord(
                id,
                "shop",
                RolloutRecord.Kind.DEPLOY,
                null,
                1,
                "canary",
                "ana",
                "ticket 12",
                T0,
                null,
                Outcome.RUNNING,
                null,
                java.util.List.of()));
  }

  @Test
  void eventsComeBackInTheOrderTheyWereAppended() {
    long id = store.startRollout(rollout("shop", 1, 2, T0));
    RolloutEvent start = new RolloutEvent(T0, "start", RolloutEvent.Status.STARTED, "pid 42", null);
    RolloutEvent ready =
        new RolloutEvent(
            T0.plusMillis(1500),
            "ready",
            RolloutEvent.Status.OK,
            "200 in 3 ms",
            Duration.ofMillis(1500));
    // Same instant as the first: order must follow appending, not time alone.
    RolloutEvent note = new RolloutEvent(T0, "smoke", RolloutEvent.Status.INFO, null, null);
    store.appendEvent(id, start);
    store.appendEvent(id, ready);
    store.appendEvent(id, note);

    assertThat(store.rollout(id).orElseThrow().events()).containsExactly(start, ready, note);
  }

  @Test
  void finishingARolloutSetsOutcomeReasonAndEnd() {
    long id = store.startRollout(rollout("shop", 1, 2, T0));
    store.finishRollout(id, Outcome.ROLLED_BACK, "error rate 7.2% vs 0.4%", T0.plusSeconds(90));

    RolloutRecord read = store.rollout(id).orElseThrow();
    assertThat(read.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(read.outcomeReason()).isEqualTo("error rate 7.2% vs 0.4%");
    assertThat(read.finishedAt()).isEqualTo(T0.plusSeconds(90));
  }

  @Test
  void rolloutsAreListedNewestFirstUpToTheLimitWithTheirEvents() {
    long first = store.startRollout(rollout("shop", null, 1, T0));
    long second = store.startRollout(rollout("shop", 1, 2, T0.plusSeconds(60)));
    long third = store.startRollout(rollout("shop", 2, 3, T0.plusSeconds(120)));
    store.startRollout(rollout("blog", null, 1, T0.plusSeconds(500)));
    store.appendEvent(second, new RolloutEvent(T0, "switch", RolloutEvent.Status.OK, "100%", null));

    assertThat(store.rollouts("shop", 10))
        .extracting(RolloutRecord::id)
        .containsExactly(third, second, first);
    assertThat(store.rollouts("shop", 2))
        .extracting(RolloutRecord::id)
        .containsExactly(third, second);
    assertThat(store.rollouts("shop", 2).get(1).events()).hasSize(1);
    assertThat(store.rollouts("shop", 0)).isEmpty();
  }

  @Test
  void rolloutIdsAreDistinct() {
    long a = store.startRollout(rollout("shop", null, 1, T0));
    long b = store.startRollout(rollout("blog", null, 1, T0));

    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void eventsAndEndsOfAnUnknownRolloutAreNotFound() {
    RolloutEvent event = new RolloutEvent(T0, "start", RolloutEvent.Status.STARTED, "", null);

    assertThatThrownBy(() -> store.appendEvent(99, event))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.NOT_FOUND))
        .hasMessage("rollout 99 does not exist");
    assertThatThrownBy(() -> store.finishRollout(99, Outcome.PROMOTED, "", T0))
        .hasMessage("rollout 99 does not exist");
    assertThat(store.rollout(99)).isEmpty();
  }

  @Test
  void aNegativeLimitIsRefused() {
    assertThatThrownBy(() -> store.rollouts("shop", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit: -1 (expected: >= 0)");
  }
}
