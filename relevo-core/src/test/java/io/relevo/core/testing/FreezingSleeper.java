package io.relevo.core.testing;

import io.relevo.core.engine.Sleeper;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Sleeps on the manual clock until a condition holds, then never again: the thread that sleeps
 * stops there for good, as an agent killed with {@code kill -9} stops, having written nothing more.
 * Rollouts wait by sleeping, so the condition is looked at each time a rollout waits.
 */
public final class FreezingSleeper implements Sleeper {

  private final ManualClock clock;
  private final BooleanSupplier freezeWhen;
  private final CountDownLatch frozen = new CountDownLatch(1);

  public FreezingSleeper(ManualClock clock, BooleanSupplier freezeWhen) {
    this.clock = clock;
    this.freezeWhen = freezeWhen;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (frozen.getCount() == 0 || freezeWhen.getAsBoolean()) {
      frozen.countDown();
      new CountDownLatch(1).await();
    }
    clock.advance(duration);
  }

  /** Waits until the sleeping thread froze; false after 10 s without. */
  public boolean awaitFrozen() throws InterruptedException {
    return frozen.await(10, TimeUnit.SECONDS);
  }
}
