package io.relevo.core.notify;

import io.relevo.core.store.RolloutRecord;

/**
 * Tells people about rollouts: Slack, webhooks, mail. Must not throw: a failed notice is logged.
 */
public interface Notifier {

  void rolloutFinished(RolloutRecord rollout);

  /** A notifier that tells no one. */
  static Notifier none() {
    return rollout -> {};
  }
}
