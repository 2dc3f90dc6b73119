package io.relevo.core.engine;

import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import java.time.Duration;

/** Moves all of an app's traffic to one revision and records it as the stable one. */
final class Promotion {

  private final EngineParts parts;
  private final Retirement retirement;

  Promotion(EngineParts parts, Retirement retirement) {
    this.parts = parts;
    this.retirement = retirement;
  }

  /**
   * Switches traffic to {@code to} in one atomic step. The revision that served before is kept warm
   * for {@code rollback.keep_previous} when {@code keepOld}, else drained and stopped now.
   */
  void switchTo(
      LiveApp app,
      Revision to,
      Instance instance,
      Revision previous,
      boolean keepOld,
      RolloutLog log) {
    parts.router().route(app.name, TrafficSplit.all(to.number(), instance.endpoint()));
    Revision serving =
        to.withState(Revision.State.SERVING).withKeepUntil(null).withInstance(instance.record());
    parts.store().saveRevision(serving);
    LastKnownGood.save(parts.store(), app.name, to.number());
    log.event(
        "switch",
        Status.OK,
        "all traffic on revision "
            + to.label()
            + (previous == null ? "" : " (was " + previous.label() + ")"));
    if (previous == null || previous.number() == to.number()) {
      return;
    }
    Duration keep = app.config.rollback().keepPrevious();
    if (keepOld && !keep.isZero() && app.instances.containsKey(previous.number())) {
      var until = parts.clock().instant().plus(keep);
      Revision warm = parts.store().revision(app.name, previous.number()).orElse(previous);
      parts.store().saveRevision(warm.withState(Revision.State.WARM).withKeepUntil(until));
      log.event(
          "keep",
          Status.INFO,
          "revision " + previous.label() + " stays warm until " + until + " for a quick rollback");
    } else {
      retirement.retire(app, previous, Revision.State.STOPPED, log);
    }
  }
}
