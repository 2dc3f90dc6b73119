package io.relevo.server.v1;

import io.relevo.core.database.RestoreDrill;
import java.time.Duration;
import java.util.Map;

/**
 * A restore drill as the API shows it.
 *
 * @param backupId the backup restored into a scratch database
 * @param rowCounts rows per table of the restored copy
 * @param check the check query's first value; empty when none is configured
 * @param took how long the drill took
 */
public record DrillView(long backupId, Map<String, Long> rowCounts, String check, Duration took) {

  public static DrillView of(RestoreDrill drill) {
    return new DrillView(drill.backupId(), drill.rowCounts(), drill.check(), drill.took());
  }
}
