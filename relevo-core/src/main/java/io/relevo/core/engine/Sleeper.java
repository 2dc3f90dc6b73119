package io.relevo.core.engine;

import java.time.Duration;

/** Waits. Injected beside the clock so tests run a ten-minute rollout in milliseconds. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  static Sleeper system() {
    return duration -> Thread.sleep(duration);
  }
}
