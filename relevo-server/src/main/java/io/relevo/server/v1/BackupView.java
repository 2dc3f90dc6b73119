package io.relevo.server.v1;

import io.relevo.core.database.Backup;
import java.time.Instant;

/**
 * A database backup as the API shows it.
 *
 * @param id its number in history
 * @param revision the revision it was taken for (0: none)
 * @param rolloutId the rollout it was taken before (0: on demand)
 * @param file the dump's path on the agent's machine
 * @param sizeBytes the dump's size
 * @param sha256 the dump's SHA-256
 * @param tables how many tables it holds (checked against the live schema)
 * @param takenAt when
 * @param trigger why
 */
public record BackupView(
    long id,
    String app,
    int revision,
    long rolloutId,
    String file,
    long sizeBytes,
    String sha256,
    int tables,
    Instant takenAt,
    String trigger) {

  public static BackupView of(Backup backup) {
    return new BackupView(
        backup.id(),
        backup.app(),
        backup.revision(),
        backup.rolloutId(),
        backup.file(),
        backup.dump().sizeBytes(),
        backup.dump().sha256(),
        backup.dump().tables(),
        backup.takenAt(),
        backup.trigger());
  }
}
