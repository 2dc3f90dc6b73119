package io.relevo.store;

import io.relevo.core.RelevoException;
import io.relevo.core.database.Backup;
import io.relevo.core.store.AppState;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutCheckpoint;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.WatchRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store over one JDBC connection. Every call takes the lock, so calls from several threads run
 * one at a time; history writes are small and rare, and one connection keeps SQLite free of
 * "database is locked" races between our own threads. A {@link ReentrantLock}, not {@code
 * synchronized}, so a virtual thread waiting on JDBC does not pin its carrier.
 *
 * <p>The connection is in auto-commit mode and each write is a single statement, so a write is
 * committed (and, with the database's settings, durable) when the call returns.
 */
final class JdbcStore implements CloseableStore {

  private final Database database;
  private final ReentrantLock lock = new ReentrantLock();
  private Connection connection; // guarded by lock; null once closed

  private JdbcStore(Database database, Connection connection) {
    this.database = database;
    this.connection = connection;
  }

  /** Opens a connection, checks the database is usable and migrates its schema. */
  static JdbcStore open(Database database) {
    database.prepare();
    Connection connection;
    try {
      // Opening runs the pragmas, which read the file header: a file that is not a database fails
      // here with the driver's own words, before Flyway wraps it in pages of advice.
      connection = database.dataSource().getConnection();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "cannot open "
              + database.describe()
              + ": "
              + e.getMessage()
              + "; if it is not a relevo history database, move it aside or use another file",
          e);
    }
    try {
      Migrations.apply(database, connection);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
    return new JdbcStore(database, connection);
  }

  @Override
  public List<String> apps() {
    return locked("list apps", RevisionTable::apps);
  }

  @Override
  public int nextRevisionNumber(String app) {
    requireName("app", app);
    return locked("number the next revision of " + app, c -> RevisionTable.nextNumber(c, app));
  }

  @Override
  public void saveRevision(Revision revision) {
    Validation.requireValid(revision);
    locked(
        "save revision " + revision.label() + " of " + revision.app(),
        c -> {
          RevisionTable.save(c, revision);
          return null;
        });
  }

  @Override
  public Optional<Revision> revision(String app, int number) {
    requireName("app", app);
    return locked(
        "read revision " + number + " of " + app, c -> RevisionTable.find(c, app, number));
  }

  @Override
  public List<Revision> revisions(String app) {
    requireName("app", app);
    return locked("list revisions of " + app, c -> RevisionTable.list(c, app));
  }

  @Override
  public long startRollout(RolloutRecord rollout) {
    Validation.requireValid(rollout);
    return locked(
        "record a rollout of " + rollout.app() + " to revision " + rollout.toRevision(),
        c -> RolloutTable.start(c, rollout));
  }

  @Override
  public void appendEvent(long rolloutId, RolloutEvent event) {
    Validation.requireValid(event);
    locked(
        "record event " + event.step() + " of rollout " + rolloutId,
        c -> {
          if (!RolloutTable.exists(c, rolloutId)) {
            throw notFound(rolloutId);
          }
          RolloutTable.appendEvent(c, rolloutId, event);
          return null;
        });
  }

  @Override
  public void finishRollout(
      long rolloutId, RolloutRecord.Outcome outcome, String reason, Instant at) {
    if (outcome == null || outcome == RolloutRecord.Outcome.RUNNING) {
      throw new IllegalArgumentException(
          "outcome: "
              + outcome
              + " (expected: PROMOTED, FAILED, ROLLED_BACK, ABORTED or RESTORED)");
    }
    if (at == null) {
      throw new IllegalArgumentException("at: null (expected: when the rollout ended)");
    }
    locked(
        "finish rollout " + rolloutId,
        c -> {
          if (!RolloutTable.finish(c, rolloutId, outcome, reason, at)) {
            throw notFound(rolloutId);
          }
          return null;
        });
  }

  @Override
  public Optional<RolloutRecord> rollout(long rolloutId) {
    return locked("read rollout " + rolloutId, c -> RolloutTable.find(c, rolloutId));
  }

  @Override
  public List<RolloutRecord> rollouts(String app, int limit) {
    requireName("app", app);
    if (limit < 0) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 0)");
    }
    return locked("list rollouts of " + app, c -> RolloutTable.list(c, app, limit));
  }

  @Override
  public Optional<AppState> appState(String app) {
    requireName("app", app);
    return locked("read the state of " + app, c -> AppStateTable.find(c, app));
  }

  @Override
  public void saveAppState(AppState state) {
    if (state == null) {
      throw new IllegalArgumentException("state: null (expected: an app state)");
    }
    requireName("state.app", state.app());
    locked(
        "save the state of " + state.app(),
        c -> {
          AppStateTable.save(c, state);
          return null;
        });
  }

  @Override
  public void saveWatch(WatchRecord watch) {
    if (watch == null) {
      throw new IllegalArgumentException("watch: null (expected: a watch record)");
    }
    requireName("watch.app", watch.app());
    locked(
        "save the watch of " + watch.app(),
        c -> {
          WatchTable.save(c, watch);
          return null;
        });
  }

  @Override
  public Optional<WatchRecord> watch(String app) {
    requireName("app", app);
    return locked("read the watch of " + app, c -> WatchTable.find(c, app));
  }

  @Override
  public void clearWatch(String app) {
    requireName("app", app);
    locked(
        "forget the watch of " + app,
        c -> {
          WatchTable.delete(c, app);
          return null;
        });
  }

  @Override
  public void saveCheckpoint(RolloutCheckpoint checkpoint) {
    if (checkpoint == null) {
      throw new IllegalArgumentException("checkpoint: null (expected: a rollout checkpoint)");
    }
    locked(
        "save the checkpoint of rollout " + checkpoint.rolloutId(),
        c -> {
          CheckpointTable.save(c, checkpoint);
          return null;
        });
  }

  @Override
  public Optional<RolloutCheckpoint> checkpoint(long rolloutId) {
    return locked(
        "read the checkpoint of rollout " + rolloutId, c -> CheckpointTable.find(c, rolloutId));
  }

  @Override
  public void clearCheckpoint(long rolloutId) {
    locked(
        "forget the checkpoint of rollout " + rolloutId,
        c -> {
          CheckpointTable.delete(c, rolloutId);
          return null;
        });
  }

  @Override
  public void saveSealedEnv(String app, int revision, String ciphertext) {
    requireName("app", app);
    locked(
        "save the sealed environment of revision " + revision + " of " + app,
        c -> {
          SealedEnvTable.save(c, app, revision, ciphertext);
          return null;
        });
  }

  @Override
  public long saveBackup(Backup backup) {
    return locked("save a backup of " + backup.app(), c -> BackupTable.insert(c, backup));
  }

  @Override
  public List<Backup> backups(String app) {
    requireName("app", app);
    return locked("list the backups of " + app, c -> BackupTable.list(c, app));
  }

  @Override
  public void deleteBackup(long id) {
    locked(
        "forget backup " + id,
        c -> {
          BackupTable.delete(c, id);
          return null;
        });
  }

  @Override
  public Optional<String> sealedEnv(String app, int revision) {
    requireName("app", app);
    return locked(
        "read the sealed environment of revision " + revision + " of " + app,
        c -> SealedEnvTable.find(c, app, revision));
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (connection != null) {
        closeQuietly(connection);
        connection = null;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "JdbcStore[" + database.describe() + "]";
  }

  /** The named API tokens, in this store's database and under its lock. */
  @Override
  public io.relevo.core.access.TokenStore tokens() {
    return new JdbcTokenStore(this::locked);
  }

  /** One unit of work on the connection. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs work on the connection under the lock, as every call of the store does. */
  interface Locked {
    <T> T run(String what, Work<T> work);
  }

  private <T> T locked(String what, Work<T> work) {
    lock.lock();
    try {
      if (connection == null) {
        throw new RelevoException(
            RelevoException.Kind.UNAVAILABLE,
            "cannot " + what + ": " + database.describe() + " is closed");
      }
      return work.run(connection);
    } catch (SQLException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "cannot " + what + " in " + database.describe() + ": " + e.getMessage(),
          e);
    } finally {
      lock.unlock();
    }
  }

  private static RelevoException notFound(long rolloutId) {
    return new RelevoException(
        RelevoException.Kind.NOT_FOUND, "rollout " + rolloutId + " does not exist");
  }

  private static void requireName(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          what + ": " + (value == null ? "null" : "\"" + value + "\"") + " (expected: a name)");
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Nothing is pending: every write was committed when its call returned.
    }
  }
}
