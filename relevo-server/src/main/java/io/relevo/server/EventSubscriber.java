package io.relevo.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client of an app's event stream: the messages it has still to be sent, in a bounded queue.
 * The publisher only offers: a client that falls {@link #capacity} messages behind is ended (it
 * reconnects with {@code Last-Event-ID} and is replayed what the buffer still holds), so a slow
 * client never holds up the engine or the other clients.
 */
final class EventSubscriber {

  /** Queued in place of a message: the stream ends. */
  private static final SseMessage END = new SseMessage("end", "end", "{}");

  private final BlockingQueue<SseMessage> queue;
  private final List<SseMessage> first;
  private final Runnable unsubscribe;
  private volatile String ended;

  EventSubscriber(int capacity, List<SseMessage> first, Runnable unsubscribe) {
    this.queue = new ArrayBlockingQueue<>(capacity + 1);
    this.first = List.copyOf(first);
    this.unsubscribe = unsubscribe;
  }

  /** What to send before anything else: the status, a replay, or a reset and the status. */
  List<SseMessage> first() {
    return first;
  }

  /**
   * Queues {@code message}; false when the queue is full, and then the stream has been ended: the
   * caller stops offering to it.
   */
  boolean offer(SseMessage message) {
    if (ended != null) {
      return false;
    }
    if (queue.remainingCapacity() > 1 && queue.offer(message)) {
      return true;
    }
    end("fell behind by " + queue.size() + " messages");
    return false;
  }

  /** Ends the stream after what is queued is dropped; the client may reconnect. */
  void end(String why) {
    if (ended == null) {
      ended = why;
      queue.clear();
      queue.offer(END);
    }
  }

  /**
   * The next message, or null when none came within {@code wait} (time for a ping); {@link #isEnd}
   * when the stream is over.
   */
  SseMessage next(Duration wait) throws InterruptedException {
    return queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The next message if one is queued now, else null. */
  SseMessage nextNow() {
    return queue.poll();
  }

  static boolean isEnd(SseMessage message) {
    return message == END;
  }

  /** Why the stream ended, or null while it runs. */
  String endedBecause() {
    return ended;
  }

  /** Stops hearing the app's messages. */
  void unsubscribe() {
    unsubscribe.run();
  }
}
