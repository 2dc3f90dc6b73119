package io.relevo.server.v1;

/**
 * The body of {@code POST /api/v1/apps/{app}/abort}.
 *
 * @param actor who asks
 * @param reason why, recorded as the rolled-back rollout's reason; may be empty
 */
public record AbortBody(String actor, String reason) {}
