package io.relevo.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Release history: revisions, rollouts with their events, and each app's stable revision. An
 * embedded SQLite file by default, PostgreSQL for teams. Implementations are thread-safe; every
 * write is durable when the call returns.
 */
public interface Store {

  /** Apps that have at least one revision, by name. */
  List<String> apps();

  /** The number the next revision of {@code app} gets: 1 for a new app. */
  int nextRevisionNumber(String app);

  /** Inserts the revision, or replaces the one with the same app and number. */
  void saveRevision(Revision revision);

  Optional<Revision> revision(String app, int number);

  /** All revisions of an app, newest first. */
  List<Revision> revisions(String app);

  /** Records the start of a rollout and returns its id. The record's id and events are ignored. */
  long startRollout(RolloutRecord rollout);

  void appendEvent(long rolloutId, RolloutEvent event);

  void finishRollout(long rolloutId, RolloutRecord.Outcome outcome, String reason, Instant at);

  /** One rollout with its events. */
  Optional<RolloutRecord> rollout(long rolloutId);

  /** The newest {@code limit} rollouts of an app with their events, newest first. */
  List<RolloutRecord> rollouts(String app, int limit);

  Optional<AppState> appState(String app);

  void saveAppState(AppState state);

  /** Records the app's watch after promotion, replacing any earlier one. */
  void saveWatch(WatchRecord watch);

  /** The app's watch after promotion under way, if any. */
  Optional<WatchRecord> watch(String app);

  /** Forgets the app's watch (it ended, or a rollback or a forced deploy ended it). */
  void clearWatch(String app);

  /**
   * Records where a deploy under way stands, replacing its earlier checkpoint; see {@link
   * RolloutCheckpoint}.
   */
  void saveCheckpoint(RolloutCheckpoint checkpoint);

  /** The latest checkpoint of a deploy, if it wrote one and has not ended. */
  Optional<RolloutCheckpoint> checkpoint(long rolloutId);

  /** Forgets a deploy's checkpoint (it ended). */
  void clearCheckpoint(long rolloutId);

  /**
   * Keeps the environment values a revision was deployed with, sealed by {@link SealedEnv} (never
   * clear text), replacing any earlier ones; null forgets them.
   */
  void saveSealedEnv(String app, int revision, String ciphertext);

  /** What {@link #saveSealedEnv} kept for the revision, if anything. */
  Optional<String> sealedEnv(String app, int revision);
}
