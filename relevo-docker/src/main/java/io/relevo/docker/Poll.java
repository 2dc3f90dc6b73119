package io.relevo.docker;

import java.time.Duration;

/**
 * The pace at which the runtime reads a container's state again while it waits for it to change.
 */
final class Poll {

  static final Duration INTERVAL = Duration.ofMillis(50);

  private Poll() {}

  /** Sleeps one {@link #INTERVAL}; false when interrupted, with the interrupt flag set again. */
  static boolean pause() {
    try {
      Thread.sleep(INTERVAL.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
