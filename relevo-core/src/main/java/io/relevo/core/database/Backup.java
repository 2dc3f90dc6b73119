package io.relevo.core.database;

import java.time.Instant;
import java.util.Objects;

/**
 * One verified backup in history.
 *
 * @param id its number in history; 0 before it is saved
 * @param app the app whose database it holds
 * @param revision the revision it was taken for: the one about to be deployed, or the stable one
 *     for a backup on demand; 0 when the app had none
 * @param rolloutId the rollout it was taken before, or 0 for a backup on demand
 * @param file where the dump is
 * @param dump its size, checksum and table count
 * @param takenAt when it was taken
 * @param trigger why: {@code before rollout 12}, {@code on demand by alice}, …
 */
public record Backup(
    long id,
    String app,
    int revision,
    long rolloutId,
    String file,
    DumpResult dump,
    Instant takenAt,
    String trigger) {

  public Backup {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(dump, "dump");
    Objects.requireNonNull(takenAt, "takenAt");
    trigger = trigger == null ? "" : trigger;
    if (revision < 0 || rolloutId < 0 || id < 0) {
      throw new IllegalArgumentException(
          "id, revision, rolloutId: "
              + id
              + ", "
              + revision
              + ", "
              + rolloutId
              + " (expected: >= 0)");
    }
  }

  public Backup withId(long newId) {
    return new Backup(newId, app, revision, rolloutId, file, dump, takenAt, trigger);
  }
}
