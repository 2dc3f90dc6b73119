package io.relevo.core.database;

import java.util.List;

/** The backups in release history. Implementations are thread-safe and durable per call. */
public interface BackupHistory {

  /** Records a backup and returns its id (the record's id is ignored). */
  long saveBackup(Backup backup);

  /** The app's backups, newest first. */
  List<Backup> backups(String app);

  /** Forgets a backup whose file was deleted. */
  void deleteBackup(long id);

  /** A history held in memory: the default when no store keeps backups, and for tests. */
  static BackupHistory inMemory() {
    return new InMemoryBackupHistory();
  }
}
