package io.relevo.server;

import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutRecord;

/**
 * What the API asks of a rollout under way: the engine's promote, abort and retry. A seam of its
 * own so the API's routing, bodies and error answers are tested without driving a real canary.
 */
interface RolloutControls {

  /** See {@link RolloutEngine#promote}; NOT_FOUND when no rollout of the app is under way. */
  void promote(String app, boolean full, String actor);

  /** See {@link RolloutEngine#abort}; NOT_FOUND when no rollout of the app is under way. */
  void abort(String app, String actor, String reason);

  /** See {@link RolloutEngine#retry}; returns when the new rollout ends. */
  RolloutRecord retry(String app, String actor, RolloutListener listener);

  /** The engine's own controls. */
  static RolloutControls of(RolloutEngine engine) {
    return new RolloutControls() {
      @Override
      public void promote(String app, boolean full, String actor) {
        engine.promote(app, full, actor);
      }

      @Override
      public void abort(String app, String actor, String reason) {
        engine.abort(app, actor, reason);
      }

      @Override
      public RolloutRecord retry(String app, String actor, RolloutListener listener) {
        return engine.retry(app, actor, listener);
      }
    };
  }
}
