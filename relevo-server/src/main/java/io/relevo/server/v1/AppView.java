package io.relevo.server.v1;

import io.relevo.core.engine.AppStatus;
import java.util.List;

/**
 * {@code GET /api/v1/apps/{app}}: what an app looks like now.
 *
 * @param listen the proxy's front door, {@code host:port}
 * @param stable the revision that takes all traffic, or null
 * @param running every revision that runs now, newest first
 * @param split the proxy's split in force
 * @param activeRollout the rollout under way, or null
 * @param progress where that rollout stands, or null
 * @param alerts what a person should look at now; empty when all is well
 * @param watch the watch after promotion under way, or null
 */
public record AppView(
    String app,
    String env,
    String listen,
    RevisionView stable,
    List<RevisionView> running,
    SplitView split,
    RolloutView activeRollout,
    ProgressView progress,
    List<String> alerts,
    WatchView watch) {

  public AppView {
    running = running == null ? List.of() : List.copyOf(running);
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }

  public static AppView of(AppStatus s) {
    return new AppView(
        s.app(),
        s.env(),
        s.listen(),
        RevisionView.of(s.stable()),
        s.running().stream().map(RevisionView::of).toList(),
        SplitView.of(s.split()),
        RolloutView.of(s.activeRollout()),
        ProgressView.of(s.progress()),
        s.alerts(),
        WatchView.of(s.watch()));
  }
}
