package io.relevo.server;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed token attempts per client address: after {@code limit} ({@link #LIMIT} in the agent)
 * failures within {@link #WINDOW}, the address is refused until the oldest of them is a window old.
 * Logs once when an address is shut out. Holds at most {@link #LIMIT} instants per address, and
 * forgets addresses that have been quiet for a window.
 */
final class FailedAttempts {

  private static final Logger log = LoggerFactory.getLogger(FailedAttempts.class);

  static final int LIMIT = 10;
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final InstantSource clock;
  private final int limit;
  private final ReentrantLock lock = new ReentrantLock(); // not synchronized: virtual threads
  private final Map<InetAddress, Deque<Instant>> failures = new HashMap<>();

  FailedAttempts(InstantSource clock, int limit) {
    this.clock = clock;
    this.limit = limit;
  }

  /** How long {@code client} must wait before its next attempt counts; empty when it may try. */
  Optional<Duration> blockedFor(InetAddress client) {
    lock.lock();
    try {
      Instant now = clock.instant();
      Deque<Instant> recent = recent(client, now);
      if (recent == null || recent.size() < limit) {
        return Optional.empty();
      }
      return Optional.of(Duration.between(now, recent.peekFirst().plus(WINDOW)));
    } finally {
      lock.unlock();
    }
  }

  /** Counts one failed attempt of {@code client}. */
  void record(InetAddress client) {
    lock.lock();
    try {
      Instant now = clock.instant();
      if (failures.size() > 10_000) {
        failures.keySet().removeIf(address -> recent(address, now) == null);
      }
      recent(client, now);
      Deque<Instant> recent = failures.computeIfAbsent(client, a -> new ArrayDeque<>());
      recent.addLast(now);
      while (recent.size() > Math.min(limit, LIMIT)) {
        recent.removeFirst(); // keeps memory bounded; an unlimited instance never blocks
      }
      if (recent.size() == limit) {
        log.warn(
            "{} failed to give a valid API token {} times within {}s; refusing it for a minute",
            client.getHostAddress(),
            limit,
            WINDOW.toSeconds());
      }
    } finally {
      lock.unlock();
    }
  }

  /** The client's failures within the window, older ones dropped; null when there are none. */
  private Deque<Instant> recent(InetAddress client, Instant now) {
    Deque<Instant> recent = failures.get(client);
    if (recent == null) {
      return null;
    }
    while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
      recent.removeFirst();
    }
    if (recent.isEmpty()) {
      failures.remove(client);
      return null;
    }
    return recent;
  }
}
