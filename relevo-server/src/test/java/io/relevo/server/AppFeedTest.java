package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One app's ring of messages: what a subscriber is sent first, and what is kept for resuming. */
class AppFeedTest {

  private final AppFeed feed = new AppFeed("boot", 5, 100, 3);

  private static List<String> types(List<SseMessage> messages) {
    return messages.stream().map(SseMessage::type).toList();
  }

  @Test
  void aFreshSubscriberIsSentTheStatusAtTheCurrentPosition() {
    feed.publish("weights", "{}");
    feed.publish("rollout", "{}");

    EventSubscriber subscriber = feed.subscribe(null, () -> "{\"app\":\"shop\"}");

    assertThat(subscriber.first())
        .containsExactly(new SseMessage("boot:2", "status", "{\"app\":\"shop\"}"));
  }

  @Test
  void aResumingSubscriberIsSentExactlyWhatCameAfterItsId() {
    for (int i = 1; i <= 4; i++) {
      feed.publish("rollout", "{\"n\":" + i + "}");
    }

    EventSubscriber subscriber = feed.subscribe("boot:2", () -> "{}");

    assertThat(subscriber.first()).extracting(SseMessage::id).containsExactly("boot:3", "boot:4");
    assertThat(feed.subscribe("boot:4", () -> "{}").first()).isEmpty();
  }

  @Test
  void anIdOlderThanTheRingFromAnotherBootOrTheFutureGetsAResetAndTheStatus() {
    for (int i = 1; i <= 7; i++) {
      feed.publish("rollout", "{}"); // the ring keeps 3..7
    }

    assertThat(types(feed.subscribe("boot:2", () -> "{}").first()))
        .as("boot:2 is kept, so 3.. follow it")
        .containsOnly("rollout");
    for (String id : List.of("boot:1", "other:5", "boot:8", "boot:x", "")) {
      List<String> first = types(feed.subscribe(id, () -> "{}").first());
      assertThat(first)
          .as(id)
          .isEqualTo(id.isEmpty() ? List.of("status") : List.of("reset", "status"));
    }
  }

  @Test
  void theRingKeepsAtMostItsBytesButAlwaysTheNewestMessage() {
    feed.publish("status", "x".repeat(60));
    feed.publish("status", "y".repeat(60)); // 120 bytes > 100: the first goes

    assertThat(types(feed.subscribe("boot:0", () -> "{}").first()))
        .containsExactly("reset", "status");
    assertThat(feed.subscribe("boot:1", () -> "{}").first())
        .extracting(SseMessage::id)
        .containsExactly("boot:2");
  }

  @Test
  void aClientThatResumesAfterAStatusChangeWasSkippedGetsWhatItMissedThenTheStatusOfNow() {
    feed.publish("status", "{\"v\":1}");
    feed.publish("rollout", "{\"n\":2}");
    feed.statusSkipped(); // no one listened: the status after message 2 was not read

    List<SseMessage> first = feed.subscribe("boot:1", () -> "{\"v\":2}").first();

    assertThat(first)
        .containsExactly(
            new SseMessage("boot:2", "rollout", "{\"n\":2}"),
            new SseMessage("boot:2", "status", "{\"v\":2}"));
    feed.publish("status", "{\"v\":3}"); // a kept status: nothing is stale any more
    assertThat(feed.subscribe("boot:2", () -> "{\"v\":4}").first())
        .containsExactly(new SseMessage("boot:3", "status", "{\"v\":3}"));
  }

  @Test
  void aBudgetThatShrinksAsAppsAreAddedTakesEffectAtTheNextMessage() {
    long[] budget = {1000};
    AppFeed shared = new AppFeed("boot", 100, () -> budget[0], 3);
    for (int i = 0; i < 10; i++) {
      shared.publish("status", "x".repeat(90));
    }
    assertThat(shared.subscribe("boot:1", () -> "{}").first()).hasSize(9);

    budget[0] = 200; // more apps now share the hub's budget
    shared.publish("status", "y".repeat(90));

    assertThat(types(shared.subscribe("boot:8", () -> "{}").first()))
        .as("only the two newest messages fit in 200 bytes: boot:8 is no longer kept")
        .containsExactly("reset", "status");
    assertThat(shared.subscribe("boot:9", () -> "{}").first())
        .extracting(SseMessage::id)
        .containsExactly("boot:10", "boot:11");
  }

  @Test
  void theHubSharesOneBudgetAmongItsAppsWithinTheLeastAndTheMostAnAppKeeps() {
    assertThat(EventHub.keptBytesPerApp(1)).isEqualTo(EventHub.KEPT_BYTES);
    assertThat(EventHub.keptBytesPerApp(100)).isEqualTo(EventHub.KEPT_BYTES_ALL / 100);
    assertThat(EventHub.keptBytesPerApp(100) * 100).isLessThanOrEqualTo(EventHub.KEPT_BYTES_ALL);
    assertThat(EventHub.keptBytesPerApp(10_000)).isEqualTo(EventHub.KEPT_BYTES_LEAST);
  }

  @Test
  void aSubscriberThatFallsBehindIsEndedAndNoLongerOfferedMessages() throws Exception {
    EventSubscriber slow = feed.subscribe(null, () -> "{}");
    EventSubscriber reading = feed.subscribe(null, () -> "{}");
    List<SseMessage> read = new ArrayList<>();

    for (int i = 0; i < 10; i++) {
      feed.publish("rollout", "{}");
      read.add(reading.next(Duration.ofSeconds(1)));
    }

    assertThat(slow.endedBecause()).startsWith("fell behind");
    assertThat(EventSubscriber.isEnd(slow.next(Duration.ofSeconds(1)))).isTrue();
    assertThat(read).hasSize(10).doesNotContainNull();
    assertThat(feed.subscribers()).isEqualTo(1);
  }

  @Test
  void aStatusIsKeptOnlyWhenItChanged() {
    assertThat(feed.publishStatusIfChanged("{\"a\":1}")).isTrue();
    assertThat(feed.publishStatusIfChanged("{\"a\":1}")).isFalse();
    assertThat(feed.publishStatusIfChanged("{\"a\":2}")).isTrue();
  }

  @Test
  void trafficIsSentButNotKept() throws Exception {
    feed.publish("rollout", "{}");
    EventSubscriber subscriber = feed.subscribe(null, () -> "{}");

    feed.broadcast("traffic", "{}");

    assertThat(subscriber.next(Duration.ofSeconds(1)))
        .isEqualTo(new SseMessage("boot:1", "traffic", "{}"));
    assertThat(feed.subscribe("boot:0", () -> "{}").first())
        .extracting(SseMessage::type)
        .containsExactly("rollout");
  }
}
