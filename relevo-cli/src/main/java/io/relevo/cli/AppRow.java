package io.relevo.cli;

import io.relevo.server.v1.AppView;
import java.util.List;

/**
 * One line of {@code relevo status}'s table, and the alerts printed under it: each cell already as
 * it is shown ({@code 1 (v1)}, {@code 1:90% 2:10%}, {@code 7 to 2 step 1/3 paused}).
 */
record AppRow(
    String app,
    String env,
    String listen,
    String stable,
    String traffic,
    String rollout,
    List<String> alerts) {

  AppRow {
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }

  static AppRow of(AppView s) {
    return new AppRow(
        s.app(),
        s.env(),
        s.listen(),
        Formats.revision(s.stable()),
        Formats.split(s.split()),
        s.activeRollout() == null
            ? "none"
            : rollout(
                s.activeRollout().id(),
                s.activeRollout().toRevision(),
                s.progress() == null ? null : s.progress().step(),
                s.progress() == null ? 0 : s.progress().steps(),
                s.progress() != null && s.progress().paused()),
        s.alerts());
  }

  /** {@code 7 to 2}, with {@code step 1/3} (and {@code paused}) when the rollout has steps. */
  static String rollout(long id, int toRevision, Integer step, int steps, boolean paused) {
    return id
        + " to "
        + toRevision
        + (step == null ? "" : " step " + step + "/" + steps + (paused ? " paused" : ""));
  }
}
