package io.relevo.core.database;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

final class InMemoryBackupHistory implements BackupHistory {

  private final List<Backup> backups = new ArrayList<>();
  private long lastId;

  @Override
  public synchronized long saveBackup(Backup backup) {
    Backup saved = backup.withId(++lastId);
    backups.add(saved);
    return saved.id();
  }

  @Override
  public synchronized List<Backup> backups(String app) {
    return backups.stream()
        .filter(b -> b.app().equals(app))
        .sorted(Comparator.comparing(Backup::takenAt).thenComparing(Backup::id).reversed())
        .toList();
  }

  @Override
  public synchronized void deleteBackup(long id) {
    backups.removeIf(b -> b.id() == id);
  }
}
