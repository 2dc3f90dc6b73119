package io.relevo.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One app's event stream: the last {@code capacity} messages (and at most {@code maxBytes} of their
 * data, a budget that may shrink as apps are added) in a ring, numbered from 1 within this agent's
 * boot, and the subscribers that hear each new one. Every method holds the feed's lock only to
 * number, keep and offer a message, never to write to a client.
 */
final class AppFeed {

  private final String bootId;
  private final int capacity;
  private final LongSupplier maxBytes;
  private final int subscriberQueue;
  private final ArrayDeque<SseMessage> ring;
  private final Set<EventSubscriber> subscribers = new LinkedHashSet<>();
  private long seq;
  private long bytes;
  private String lastStatus;
  private boolean statusStale;
  private Long activeRollout;
  private Long lastRollout;

  /**
   * @param capacity messages kept for clients that reconnect, e.g. 1000
   * @param maxBytes data kept at most, e.g. 1 MiB: statuses of a rollout under way are large
   * @param subscriberQueue messages a client may fall behind before it is ended, e.g. 256
   */
  AppFeed(String bootId, int capacity, long maxBytes, int subscriberQueue) {
    this(bootId, capacity, () -> maxBytes, subscriberQueue);
  }

  /** A feed whose data budget is read at each message: the hub shares one budget among its apps. */
  AppFeed(String bootId, int capacity, LongSupplier maxBytes, int subscriberQueue) {
    if (capacity < 1 || subscriberQueue < 1) {
      throw new IllegalArgumentException(
          "capacity, subscriberQueue: " + capacity + ", " + subscriberQueue + " (expected: >= 1)");
    }
    this.bootId = bootId;
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.subscriberQueue = subscriberQueue;
    this.ring = new ArrayDeque<>();
  }

  /** Numbers, keeps and sends a message. */
  synchronized SseMessage publish(String type, String data) {
    seq++;
    SseMessage message = new SseMessage(id(seq), type, data);
    ring.addLast(message);
    bytes += data.length();
    long budget = maxBytes.getAsLong();
    while (ring.size() > capacity || (bytes > budget && ring.size() > 1)) {
      bytes -= ring.removeFirst().data().length();
    }
    if (type.equals("status")) {
      lastStatus = data;
      statusStale = false;
    }
    offerAll(message);
    return message;
  }

  /**
   * Sends a message that is not kept (traffic, once a second): it carries the id of the last kept
   * message, so a client that reconnects after it is replayed from there.
   */
  synchronized void broadcast(String type, String data) {
    offerAll(new SseMessage(id(seq), type, data));
  }

  /** Publishes {@code status} unless it is the status last published; true when it was. */
  synchronized boolean publishStatusIfChanged(String status) {
    if (status.equals(lastStatus)) {
      return false;
    }
    publish("status", status);
    return true;
  }

  private void offerAll(SseMessage message) {
    subscribers.removeIf(s -> !s.offer(message));
  }

  /**
   * Says that the app's status may have changed without a {@code status} message being kept: the
   * hub reads statuses only while someone listens. A client that resumes gets the status of now
   * after what it missed.
   */
  synchronized void statusSkipped() {
    statusStale = true;
  }

  /**
   * A new subscriber. Without {@code lastEventId} it is first sent the status; with one this feed
   * still holds the messages after, those (and then the status, when a change of it was skipped);
   * with any other (another boot's, one too old, garbage) a {@code reset} and the status. {@code
   * status} is read outside the lock, again if a message was published meanwhile, so the status and
   * the messages that follow it fit together.
   */
  EventSubscriber subscribe(String lastEventId, Supplier<String> status) {
    for (int attempt = 0; ; attempt++) {
      long before;
      synchronized (this) {
        before = seq;
        List<SseMessage> replay = replayAfter(lastEventId);
        if (replay != null && !statusStale) {
          return register(replay);
        }
      }
      String now = status.get();
      synchronized (this) {
        if (seq == before || attempt >= 3) {
          List<SseMessage> replay = replayAfter(lastEventId);
          List<SseMessage> first = new ArrayList<>();
          if (replay != null) {
            first.addAll(replay);
          } else if (lastEventId != null && !lastEventId.isBlank()) {
            first.add(new SseMessage(id(seq), "reset", "{}"));
          }
          first.add(new SseMessage(id(seq), "status", now));
          return register(first);
        }
      }
    }
  }

  private EventSubscriber register(List<SseMessage> first) {
    EventSubscriber[] self = new EventSubscriber[1];
    self[0] = new EventSubscriber(subscriberQueue, first, () -> unsubscribe(self[0]));
    subscribers.add(self[0]);
    return self[0];
  }

  private synchronized void unsubscribe(EventSubscriber subscriber) {
    subscribers.remove(subscriber);
  }

  /** The kept messages after {@code lastEventId}, or null when it cannot be resumed from. */
  private List<SseMessage> replayAfter(String lastEventId) {
    if (lastEventId == null || !lastEventId.startsWith(bootId + ":")) {
      return null;
    }
    long last;
    try {
      last = Long.parseLong(lastEventId.substring(bootId.length() + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    long oldest = ring.isEmpty() ? seq + 1 : seq - ring.size() + 1;
    if (last > seq || last < oldest - 1) {
      return null; // from the future, or older than what is kept: something was lost
    }
    return ring.stream().skip(last - oldest + 1).toList();
  }

  private String id(long n) {
    return bootId + ":" + n;
  }

  synchronized int subscribers() {
    return subscribers.size();
  }

  /** Ends every stream, as when the agent stops. */
  synchronized void endAll(String why) {
    subscribers.forEach(s -> s.end(why));
    subscribers.clear();
  }

  /** Remembers the rollout an event belongs to: weights and measurements name it. */
  synchronized void rolloutEvent(long rolloutId, boolean finished) {
    lastRollout = rolloutId;
    activeRollout = finished ? null : rolloutId;
  }

  /** The rollout under way, or null. */
  synchronized Long activeRollout() {
    return activeRollout;
  }

  /** The last rollout heard of (a watch after promotion belongs to it), or null. */
  synchronized Long lastRollout() {
    return lastRollout;
  }
}
