package io.relevo.core.config;

import java.time.Duration;

/**
 * @param keepPrevious how long the previous revision stays running after a switch, so that a
 *     rollback is a switch and not a restart; default 10 min
 * @param watchAfterPromotion how long a promoted revision is watched; default 5 min
 */
public record RollbackConfig(Duration keepPrevious, Duration watchAfterPromotion) {

  public RollbackConfig {
    keepPrevious = keepPrevious == null ? Duration.ofMinutes(10) : keepPrevious;
    watchAfterPromotion = watchAfterPromotion == null ? Duration.ofMinutes(5) : watchAfterPromotion;
  }

  public static RollbackConfig defaults() {
    return new RollbackConfig(null, null);
  }
}
