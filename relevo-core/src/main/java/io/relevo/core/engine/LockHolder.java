package io.relevo.core.engine;

import io.relevo.core.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Who holds an app's rollout lock, since when, doing what. The lock lives in the agent's memory, so
 * it never outlives the agent: a restart frees it and closes an unfinished rollout. Within one
 * agent a lock is stale when its holder waits on something that will not come (an indefinite pause
 * nobody promotes, a hook or a runtime that never answers); {@code relevo unlock} ends that.
 *
 * @param what the operation, like {@code deploy of 1.4.0}
 * @param actor who started it
 * @param since when it took the lock
 * @param thread the thread that holds it, interrupted by an unlock
 */
record LockHolder(String what, String actor, Instant since, Thread thread) {

  LockHolder {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(thread, "thread");
    actor = actor == null || actor.isBlank() ? "unknown" : actor;
  }

  /** {@code deploy of 1.4.0 by ana since 2026-11-24T10:00:00Z (3m12s ago)}. */
  String describe(Instant now, Long rolloutId) {
    Duration held = Duration.between(since, now);
    return (rolloutId == null ? "" : "rollout " + rolloutId + ", ")
        + what
        + " by "
        + actor
        + " since "
        + since
        + " ("
        + (held.isNegative() || held.isZero() ? "just now" : Durations.format(held) + " ago")
        + ")";
  }
}
