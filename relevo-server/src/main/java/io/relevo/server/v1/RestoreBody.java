package io.relevo.server.v1;

/**
 * The body of {@code POST /api/v1/apps/{app}/restore}.
 *
 * @param backupId the backup to restore
 * @param actor who asks
 * @param reason why; required
 * @param yes the person confirmed that the database's data is replaced
 */
public record RestoreBody(long backupId, String actor, String reason, boolean yes) {}
