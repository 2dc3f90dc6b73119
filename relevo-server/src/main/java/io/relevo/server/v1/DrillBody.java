package io.relevo.server.v1;

/**
 * The body of {@code POST /api/v1/apps/{app}/backups/verify}.
 *
 * @param backupId the backup to drill; null = the newest
 */
public record DrillBody(Long backupId) {}
