package io.relevo.core.database;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a restore drill found: the backup restored into a scratch database, which was then dropped.
 *
 * @param backupId the backup
 * @param rowCounts rows per table ({@code schema.table}), sorted by name
 * @param check the check query's first value, or empty when none is configured
 * @param took how long the drill took
 */
public record RestoreDrill(
    long backupId, Map<String, Long> rowCounts, String check, Duration took) {

  public RestoreDrill {
    rowCounts =
        java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(rowCounts)));
    check = check == null ? "" : check;
    Objects.requireNonNull(took, "took");
  }

  public RestoreDrill withBackupId(long id) {
    return new RestoreDrill(id, rowCounts, check, took);
  }
}
