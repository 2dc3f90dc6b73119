package io.relevo.server;

/**
 * The body of {@code POST /api/v1/apps/{app}/rollback}.
 *
 * @param toRevision the revision to go back to; null = the last known good one, warm first
 * @param actor who asks
 * @param reason why; may be empty
 */
public record RollbackBody(Integer toRevision, String actor, String reason) {}
