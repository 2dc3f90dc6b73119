package io.relevo.core.testing;

import io.relevo.core.store.AppState;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutCheckpoint;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.Store;
import io.relevo.core.store.WatchRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** History in maps, for engine tests; the JDBC store has its own tests. */
public final class InMemoryStore implements Store {

  private final Map<String, Revision> revisions = new TreeMap<>();
  private final Map<Long, RolloutRecord> rollouts = new TreeMap<>();
  private final Map<Long, List<RolloutEvent>> events = new TreeMap<>();
  private final Map<String, AppState> states = new TreeMap<>();
  private final Map<String, WatchRecord> watches = new TreeMap<>();
  private final Map<Long, RolloutCheckpoint> checkpoints = new TreeMap<>();
  private final Map<String, String> ciphertext = new TreeMap<>();
  private long nextId = 1;

  @Override
  public synchronized List<String> apps() {
    return List.copyOf(new TreeSet<>(revisions.values().stream().map(Revision::app).toList()));
  }

  @Override
  public synchronized int nextRevisionNumber(String app) {
    return revisions(app).stream().mapToInt(Revision::number).max().orElse(0) + 1;
  }

  @Override
  public synchronized void saveRevision(Revision revision) {
    revisions.put(revision.app() + "/" + revision.number(), revision);
  }

  @Override
  public synchronized Optional<Revision> revision(String app, int number) {
    return Optional.ofNullable(revisions.get(app + "/" + number));
  }

  @Override
  public synchronized List<Revision> revisions(String app) {
    return revisions.values().stream()
        .filter(r -> r.app().equals(app))
        .sorted(Comparator.comparingInt(Revision::number).reversed())
        .toList();
  }

  @Override
  public synchronized long startRollout(RolloutRecord r) {
    long id = nextId++;
    rollouts.put(
        id,
        new RolloutRecord(
            id,
            r.app(),
            r.kind(),
            r.fromRevision(),
            r.toRevision(),
            r.strategy(),
            r.actor(),
            r.reason(),
            r.startedAt(),
            null,
            RolloutRecord.Outcome.RUNNING,
            null,
            null));
    events.put(id, new ArrayList<>());
    return id;
  }

  @Override
  public synchronized void appendEvent(long rolloutId, RolloutEvent event) {
    events.get(rolloutId).add(event);
  }

  @Override
  public synchronized void finishRollout(
      long id, RolloutRecord.Outcome outcome, String reason, Instant at) {
    RolloutRecord r = rollouts.get(id);
    rollouts.put(
        id,
        new RolloutRecord(
            id,
            r.app(),
            r.kind(),
            r.fromRevision(),
            r.toRevision(),
            r.strategy(),
            r.actor(),
            r.reason(),
            r.startedAt(),
            at,
            outcome,
            reason,
            null));
  }

  @Override
  public synchronized Optional<RolloutRecord> rollout(long id) {
    return Optional.ofNullable(rollouts.get(id)).map(this::withEvents);
  }

  @Override
  public synchronized List<RolloutRecord> rollouts(String app, int limit) {
    return rollouts.values().stream()
        .filter(r -> r.app().equals(app))
        .sorted(Comparator.comparingLong(RolloutRecord::id).reversed())
        .limit(limit)
        .map(this::withEvents)
        .toList();
  }

  private RolloutRecord withEvents(RolloutRecord r) {
    return new RolloutRecord(
        r.id(),
        r.app(),
        r.kind(),
        r.fromRevision(),
        r.toRevision(),
        r.strategy(),
        r.actor(),
        r.reason(),
        r.startedAt(),
        r.finishedAt(),
        r.outcome(),
        r.outcomeReason(),
        events.get(r.id()));
  }

  @Override
  public synchronized Optional<AppState> appState(String app) {
    return Optional.ofNullable(states.get(app));
  }

  @Override
  public synchronized void saveAppState(AppState state) {
    states.put(state.app(), state);
  }

  @Override
  public synchronized void saveWatch(WatchRecord watch) {
    watches.put(watch.app(), watch);
  }

  @Override
  public synchronized Optional<WatchRecord> watch(String app) {
    return Optional.ofNullable(watches.get(app));
  }

  @Override
  public synchronized void clearWatch(String app) {
    watches.remove(app);
  }

  @Override
  public synchronized void saveCheckpoint(RolloutCheckpoint checkpoint) {
    checkpoints.put(checkpoint.rolloutId(), checkpoint);
  }

  @Override
  public synchronized Optional<RolloutCheckpoint> checkpoint(long rolloutId) {
    return Optional.ofNullable(checkpoints.get(rolloutId));
  }

  @Override
  public synchronized void clearCheckpoint(long rolloutId) {
    checkpoints.remove(rolloutId);
  }

  @Override
  public synchronized void saveSealedEnv(String app, int revision, String value) {
    if (value == null) {
      ciphertext.remove(app + "/" + revision);
    } else {
      ciphertext.put(app + "/" + revision, value);
    }
  }

  @Override
  public synchronized Optional<String> sealedEnv(String app, int revision) {
    return Optional.ofNullable(ciphertext.get(app + "/" + revision));
  }
}
