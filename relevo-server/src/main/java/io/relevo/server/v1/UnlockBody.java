package io.relevo.server.v1;

/**
 * The body of {@code POST /api/v1/apps/{app}/unlock}.
 *
 * @param actor who asks
 * @param reason why the lock is stale; required, recorded in the held rollout's history
 */
public record UnlockBody(String actor, String reason) {}
