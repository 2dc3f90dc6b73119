package io.relevo.core.engine;

import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.store.Revision;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code relevo status} shows of an app: what history says runs, the router's split, the
 * rollout under way and every alert a person should see (pending approvals, a failed restore drill,
 * liveness, a recovery that needs a hand, failing notification channels, a point of no return).
 */
final class StatusView {

  private final EngineParts parts;

  StatusView(EngineParts parts) {
    this.parts = parts;
  }

  /** The state of an app the agent holds. */
  AppStatus of(LiveApp live, Revision stable, RecoveryNote note) {
    Long active = live.activeRollout;
    PromotionWatch watch = live.watch;
    List<String> alerts = alerts(live, note);
    addNoReturn(live.name, stable, alerts);
    return new AppStatus(
        live.name,
        live.config.env(),
        live.config.listen().toString(),
        stable,
        running(live.name),
        parts.router().current(live.name),
        active == null ? null : parts.store().rollout(active).orElse(null),
        active == null ? null : live.progress,
        alerts,
        watch == null ? null : watch.view(parts.clock().instant()));
  }

  /** An app the agent could not recover: what history says runs, no front door, and why. */
  AppStatus notRecovered(String app, Revision stable, RecoveryNote note) {
    return new AppStatus(
        app,
        null,
        null,
        stable,
        running(app),
        TrafficSplit.none(),
        null,
        null,
        List.of(note.reason()));
  }

  private List<Revision> running(String app) {
    return parts.store().revisions(app).stream()
        .filter(r -> RolloutEngine.RUNNING_STATES.contains(r.state()))
        .toList();
  }

  private List<String> alerts(LiveApp live, RecoveryNote note) {
    List<String> alerts = new ArrayList<>();
    new ApprovalDesk(parts).alert(live).ifPresent(alerts::add);
    if (live.drillAlert != null) {
      alerts.add(live.drillAlert);
    }
    if (live.liveness != null) {
      live.liveness.alert().ifPresent(alerts::add);
    }
    if (note != null && note.config() == live.config) {
      alerts.add(note.reason());
    }
    alerts.addAll(parts.notifier().problems(live.name));
    return alerts;
  }

  /** Adds the point of no return the stable revision stands past, if any. */
  private void addNoReturn(String app, Revision stable, List<String> alerts) {
    new PointOfNoReturn(parts)
        .newest(app)
        .filter(c -> stable != null && stable.number() >= c.rollout().toRevision())
        .ifPresent(c -> alerts.add(c.event().message() + " (rollout " + c.rollout().id() + ")"));
  }
}
