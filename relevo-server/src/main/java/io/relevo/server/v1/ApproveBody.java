package io.relevo.server.v1;

/**
 * The body of {@code POST /api/v1/apps/{app}/approve}.
 *
 * @param rollout the id of the deploy waiting for approvals
 * @param actor who approves: the CLI's OS user or {@code --actor} today, a named API token's
 *     identity later
 */
public record ApproveBody(long rollout, String actor) {}
