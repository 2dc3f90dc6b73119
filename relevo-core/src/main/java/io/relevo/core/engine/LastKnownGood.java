package io.relevo.core.engine;

import io.relevo.core.history.RevisionVerdicts;
import io.relevo.core.store.AppState;
import io.relevo.core.store.Store;

/**
 * Writes an app's state so that its last known good revision is the one {@link RevisionVerdicts}
 * picks from history: after every switch and every finished rollout.
 */
final class LastKnownGood {

  private LastKnownGood() {}

  /** Records {@code stable} (null: none serves) and the last known good revision as of now. */
  static void save(Store store, String app, Integer stable) {
    AppState before = store.appState(app).orElse(null);
    AppState withStable = new AppState(app, stable, before == null ? null : before.lastKnownGood());
    Integer good =
        RevisionVerdicts.of(
                store.revisions(app),
                store.rollouts(app, RevisionVerdicts.ROLLOUTS_READ),
                withStable)
            .lastKnownGood()
            .orElse(null);
    store.saveAppState(new AppState(app, stable, good));
  }

  /** As {@link #save}, keeping the stable revision the app state has. */
  static void refresh(Store store, String app) {
    save(store, app, store.appState(app).map(AppState::stableRevision).orElse(null));
  }
}
