package io.relevo.core.engine;

import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutRecord;
import java.time.Instant;
import java.util.List;

/**
 * What an app looks like now.
 *
 * @param app the app
 * @param env its environment label
 * @param listen the proxy's front door, {@code host:port}
 * @param stable the revision that takes all traffic, or null
 * @param running every revision that runs now (serving, warm, starting), newest first
 * @param split the proxy's split in force
 * @param activeRollout the rollout under way, or null
 * @param progress where the rollout under way stands, or null when none is
 * @param alerts what a person should look at now, e.g. a serving revision failing its liveness
 *     check; empty when all is well
 * @param watch the watch after promotion under way, or null
 */
public record AppStatus(
    String app,
    String env,
    String listen,
    Revision stable,
    List<Revision> running,
    TrafficSplit split,
    RolloutRecord activeRollout,
    RolloutProgress progress,
    List<String> alerts,
    Watch watch) {

  /**
   * The watch after a promotion, while it runs.
   *
   * @param revision the promoted revision
   * @param version its version
   * @param against the previous revision, warm, whose traffic before the switch it is judged
   *     against
   * @param until when the watch ends
   * @param left time left, e.g. {@code 4m12s}
   * @param last the latest measurement's verdict and first metric
   */
  public record Watch(
      int revision, String version, int against, Instant until, String left, String last) {}

  public AppStatus {
    running = List.copyOf(running);
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }

  /** A status without a watch. */
  public AppStatus(
      String app,
      String env,
      String listen,
      Revision stable,
      List<Revision> running,
      TrafficSplit split,
      RolloutRecord activeRollout,
      RolloutProgress progress,
      List<String> alerts) {
    this(app, env, listen, stable, running, split, activeRollout, progress, alerts, null);
  }

  /** A status without alerts. */
  public AppStatus(
      String app,
      String env,
      String listen,
      Revision stable,
      List<Revision> running,
      TrafficSplit split,
      RolloutRecord activeRollout,
      RolloutProgress progress) {
    this(app, env, listen, stable, running, split, activeRollout, progress, List.of(), null);
  }
}
