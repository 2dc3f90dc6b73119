package io.relevo.core.testing;

import io.relevo.core.engine.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when told to, or when something sleeps on it. */
public final class ManualClock implements InstantSource, Sleeper {

  private Instant now = Instant.parse("2026-11-24T10:00:00Z");

  @Override
  public synchronized Instant instant() {
    return now;
  }

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public void sleep(Duration duration) {
    advance(duration);
  }
}
