package io.relevo.core.config;

/** How traffic moves from the stable revision to a new one. */
public sealed interface StrategyConfig {

  /** Start beside stable, check, switch all traffic at once. The default. */
  record BlueGreen() implements StrategyConfig {}
}
