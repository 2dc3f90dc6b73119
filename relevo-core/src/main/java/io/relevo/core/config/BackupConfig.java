package io.relevo.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code migrations.backup}: the database relevo backs up before a migration runs.
 *
 * @param database the PostgreSQL database, from a URL (password kept, never shown)
 * @param dir where dumps go, relative to the config file's folder unless absolute; default {@code
 *     backups}
 * @param keep how many backups of the app are kept; older ones are deleted unless a rollout still
 *     needs them; default 10
 * @param maxAge a deploy with migrations refuses to start when no backup can be taken and the
 *     newest verified one is older than this; default 1 h (the runbooks' rule)
 * @param check the query a restore drill runs on the restored copy, e.g. {@code SELECT count(*)
 *     FROM reservations}; empty = none
 */
public record BackupConfig(
    DatabaseUrl database, String dir, int keep, Duration maxAge, String check) {

  /** A backup without a drill check query. */
  public BackupConfig(DatabaseUrl database, String dir, int keep, Duration maxAge) {
    this(database, dir, keep, maxAge, null);
  }

  public BackupConfig {
    Objects.requireNonNull(database, "database");
    dir = dir == null || dir.isBlank() ? "backups" : dir;
    if (keep < 1) {
      throw new IllegalArgumentException("keep: " + keep + " (expected: >= 1)");
    }
    maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
    check = check == null ? "" : check.strip();
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge: " + maxAge + " (expected: above zero)");
    }
  }
}
