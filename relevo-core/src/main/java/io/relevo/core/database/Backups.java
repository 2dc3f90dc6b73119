package io.relevo.core.database;

import io.relevo.core.RelevoException;
import io.relevo.core.config.BackupConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes verified backups, records them and keeps {@code keep} of them per app. A backup taken
 * before a rollout that a rollback may still need (its rollout is pinned) is never deleted, even
 * past {@code keep}.
 */
public final class Backups {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Databases databases;
  private final InstantSource clock;

  public Backups(Databases databases, InstantSource clock) {
    this.databases = databases;
    this.clock = clock;
  }

  /** What {@link #take} did: the new backup and the old ones it deleted. */
  public record Taken(Backup backup, List<Backup> deleted, Duration took) {}

  /**
   * Dumps the database into {@code APP-rREVISION-TIME.dump} under the config's folder (resolved
   * against {@code baseDir}), verifies and records it, then deletes backups beyond {@code keep}
   * whose rollout is not in {@code pinnedRollouts}. A failed dump leaves no file behind.
   */
  public Taken take(
      String app,
      BackupConfig config,
      Path baseDir,
      int revision,
      long rolloutId,
      String trigger,
      Set<Long> pinnedRollouts) {
    Instant start = clock.instant();
    Path dir = baseDir.resolve(config.dir());
    Path file = dir.resolve(fileName(app, revision, start));
    // Two backups in the same second (a restore's safety backup right after a deploy's) must not
    // share a file: the second would overwrite the first one's dump under its recorded checksum.
    for (int n = 2; Files.exists(file); n++) {
      file = dir.resolve(fileName(app, revision, start).replace(".dump", "-" + n + ".dump"));
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "cannot create the backup folder " + dir + ": " + e + "; check migrations.backup.dir");
    }
    DumpResult dump;
    try {
      dump = databases.adapter().dump(config.database(), file);
    } catch (RuntimeException e) {
      deleteQuietly(file);
      throw e;
    }
    Backup backup = new Backup(0, app, revision, rolloutId, file.toString(), dump, start, trigger);
    backup = backup.withId(databases.history().saveBackup(backup));
    List<Backup> deleted = prune(app, config.keep(), pinnedRollouts);
    return new Taken(backup, deleted, Duration.between(start, clock.instant()));
  }

  /** The app's newest backup, if any. */
  public Optional<Backup> newest(String app) {
    return databases.history().backups(app).stream().findFirst();
  }

  /** The app's backups, newest first. */
  public List<Backup> list(String app) {
    return databases.history().backups(app);
  }

  /** {@code APP-rREVISION-20261207T050102Z.dump}. */
  static String fileName(String app, int revision, Instant at) {
    return app + "-r" + revision + "-" + STAMP.format(at) + ".dump";
  }

  private List<Backup> prune(String app, int keep, Set<Long> pinnedRollouts) {
    List<Backup> all = databases.history().backups(app);
    List<Backup> deleted = new ArrayList<>();
    for (Backup old : all.subList(Math.min(keep, all.size()), all.size())) {
      if (old.rolloutId() != 0 && pinnedRollouts.contains(old.rolloutId())) {
        continue;
      }
      try {
        Files.deleteIfExists(Path.of(old.file()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete old backup " + old.file(), e);
      }
      databases.history().deleteBackup(old.id());
      deleted.add(old);
    }
    return deleted;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The dump already failed; that error is the one to report.
    }
  }

  /** {@code 4.2 MB}, {@code 812 B}: a size for people. */
  public static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double kib = bytes / 1024.0;
    if (kib < 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f KiB", kib);
    }
    return String.format(java.util.Locale.ROOT, "%.1f MiB", kib / 1024.0);
  }
}
