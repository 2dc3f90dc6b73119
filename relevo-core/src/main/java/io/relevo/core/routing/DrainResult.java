package io.relevo.core.routing;

import java.time.Duration;

/**
 * @param finished requests that completed during the drain
 * @param cutOff requests still in flight at the timeout, answered 504
 * @param took how long the drain lasted
 */
public record DrainResult(int finished, int cutOff, Duration took) {}
