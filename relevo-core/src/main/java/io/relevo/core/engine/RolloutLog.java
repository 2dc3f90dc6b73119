package io.relevo.core.engine;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.NotifyChannel;
import io.relevo.core.config.NotifyEvent;
import io.relevo.core.notify.Notifier;
import io.relevo.core.notify.RolloutNotice;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.store.Store;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes one rollout's events to history and to whoever listens, in that order. */
final class RolloutLog {

  private static final Logger LOG = Logger.getLogger(RolloutLog.class.getName());

  final long rolloutId;
  private final Store store;
  private final Notifier notifier;
  private final RolloutListener listener;
  private final InstantSource clock;
  private final String env;
  private final List<NotifyChannel> channels;
  private final EngineEvents events;
  private String app;

  RolloutLog(long rolloutId, EngineParts parts, RolloutListener listener) {
    this.rolloutId = rolloutId;
    this.env = "";
    this.channels = List.of();
    this.store = parts.store();
    this.notifier = parts.notifier();
    this.listener = listener;
    this.clock = parts.clock();
    this.events = parts.events();
  }

  /** A log whose notices carry the app's environment and notification channels. */
  RolloutLog(long rolloutId, EngineParts parts, RolloutListener listener, AppConfig config) {
    this.rolloutId = rolloutId;
    this.env = config.env();
    this.channels = config.notifications();
    this.store = parts.store();
    this.notifier = parts.notifier();
    this.listener = listener;
    this.clock = parts.clock();
    this.events = parts.events();
  }

  /**
   * Ends the rollout in history, records the app's last known good revision as history now judges
   * it, tells the notifier, and returns the finished record.
   */
  RolloutRecord finish(Outcome outcome, String reason) {
    event("rollout", outcome.succeeded() ? Status.OK : Status.FAILED, reason);
    store.finishRollout(rolloutId, outcome, reason, clock.instant());
    RolloutRecord record = store.rollout(rolloutId).orElseThrow();
    LastKnownGood.refresh(store, record.app());
    if (record.outcome() != Outcome.RECORDED) {
      // An incident recorded to fix forward moved no traffic: no deployment notice, no metric.
      tell(finishedEvent(record), record);
    }
    return record;
  }

  /** Tells the notifier that the rollout has started (its {@code rollout} step's first event). */
  private void started() {
    store.rollout(rolloutId).ifPresent(r -> tell(NotifyEvent.STARTED, r));
  }

  /**
   * The event a finished rollout makes: a deploy that took all traffic is PROMOTED; a deploy undone
   * or a rollback that restored an earlier revision is ROLLED_BACK; anything else that ended
   * (refused, aborted, a rollback that failed) is FAILED. An incident recorded to fix forward
   * ({@code RECORDED}) is not a rollout people hear of: callers skip it.
   */
  static NotifyEvent finishedEvent(RolloutRecord rollout) {
    return switch (rollout.outcome()) {
      case PROMOTED -> NotifyEvent.PROMOTED;
      case ROLLED_BACK, RESTORED -> NotifyEvent.ROLLED_BACK;
      case RUNNING -> NotifyEvent.STARTED;
      case FAILED, ABORTED -> NotifyEvent.FAILED;
      case RECORDED ->
          throw new IllegalArgumentException(
              "rollout " + rollout.id() + ": an incident recorded to fix forward has no notice");
    };
  }

  /** Tells the notifier that the rollout waits for {@code relevo promote} (or abort). */
  void waitingForApproval() {
    store.rollout(rolloutId).ifPresent(r -> tell(NotifyEvent.WAITING_FOR_APPROVAL, r));
  }

  private void tell(NotifyEvent event, RolloutRecord record) {
    try {
      notifier.notify(
          new RolloutNotice(
              event,
              record,
              env,
              version(record.app(), record.fromRevision()),
              version(record.app(), record.toRevision()),
              evidence(record),
              rollbackCommand(record),
              channels));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "notifier failed for rollout " + rolloutId, e);
    }
  }

  private String version(String app, Integer revision) {
    return revision == null
        ? ""
        : store.revision(app, revision).map(Revision::version).orElse("revision " + revision);
  }

  /** The analysis and watch lines that decided, newest last, at most five. */
  private static List<String> evidence(RolloutRecord record) {
    List<String> lines =
        record.events().stream()
            .filter(e -> e.step().equals("analysis") || e.step().equals("watch"))
            .filter(e -> e.status() != Status.STARTED && e.message() != null)
            .map(RolloutEvent::message)
            .toList();
    return lines.subList(Math.max(0, lines.size() - 5), lines.size());
  }

  /** Going back to where it started, while that still differs from where traffic is. */
  private static String rollbackCommand(RolloutRecord record) {
    return record.fromRevision() == null
            || record.outcome() == Outcome.ROLLED_BACK
            || record.outcome() == Outcome.FAILED
            || record.outcome() == Outcome.ABORTED
        ? ""
        : "relevo rollback " + record.app() + " --to " + record.fromRevision();
  }

  private void publish(RolloutEvent event) {
    if (events == EngineEvents.none()) {
      return;
    }
    if (app == null) {
      app = store.rollout(rolloutId).map(RolloutRecord::app).orElse(null);
    }
    if (app != null) {
      EventPublishing.safely(() -> events.rollout(app, rolloutId, event));
    }
  }

  void event(String step, Status status, String message) {
    event(step, status, message, null);
  }

  void event(String step, Status status, String message, Duration took) {
    RolloutEvent event = new RolloutEvent(clock.instant(), step, status, message, took);
    store.appendEvent(rolloutId, event);
    try {
      listener.onEvent(rolloutId, event);
    } catch (RuntimeException e) {
      // A listener that went away (a CLI that disconnected) must not stop the rollout.
    }
    publish(event);
    if (step.equals("rollout") && status == Status.STARTED) {
      started();
    }
  }
}
