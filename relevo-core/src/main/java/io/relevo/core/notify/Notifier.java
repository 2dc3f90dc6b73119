package io.relevo.core.notify;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hears of rollouts as they start, wait for a person and end: Slack, webhooks, mail, metrics.
 * Called in the rollout's thread, so it must return at once (queue slow work) and must not throw;
 * an exception is logged and the rollout goes on.
 */
@FunctionalInterface
public interface Notifier {

  void notify(RolloutNotice notice);

  /**
   * What a person should know about this notifier for {@code app} now, e.g. a channel that keeps
   * failing; shown with the app's status. Default: nothing.
   */
  default List<String> problems(String app) {
    return List.of();
  }

  /** A notifier that tells no one. */
  static Notifier none() {
    return notice -> {};
  }

  /** Tells each in turn; one that throws is logged and does not keep the others from hearing. */
  static Notifier all(List<Notifier> notifiers) {
    List<Notifier> copy = List.copyOf(notifiers);
    Logger log = Logger.getLogger(Notifier.class.getName());
    return new Notifier() {
      @Override
      public void notify(RolloutNotice notice) {
        for (Notifier n : copy) {
          try {
            n.notify(notice);
          } catch (RuntimeException e) {
            log.log(Level.WARNING, "notifier " + n + " failed on " + notice.event(), e);
          }
        }
      }

      @Override
      public List<String> problems(String app) {
        return copy.stream().flatMap(n -> n.problems(app).stream()).toList();
      }
    };
  }
}
