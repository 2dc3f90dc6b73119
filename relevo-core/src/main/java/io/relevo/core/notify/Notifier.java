package io.relevo.core.notify;

import io.relevo.core.store.RolloutRecord;

/**
 * Tells people about rollouts: Slack, webhooks, mail. Must not throw: a failed notice is logged.
 */
public interface Notifier {

  void rolloutFinished(RolloutRecord rollout);

  /** Who hears about rollouts, for the post-rollback checklist; e.g. "slack #deploys". */
  default String channels() {
    return getClass().getSimpleName();
  }

  /** A notifier that tells no one. */
  static Notifier none() {
    return new Notifier() {
      @Override
      public void rolloutFinished(RolloutRecord rollout) {}

      @Override
      public String channels() {
        return "no channel configured";
      }
    };
  }
}
