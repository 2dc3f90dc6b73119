package io.relevo.server.v1;

/**
 * The answer of {@code POST /api/v1/apps/{app}/unlock}.
 *
 * @param released what held the lock, like {@code rollout 12, deploy of 1.4.0 by ana since …}
 */
public record UnlockAnswer(String released) {}
