package io.relevo.core.engine;

import io.relevo.core.config.AppConfig;
import io.relevo.core.runtime.Instance;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the engine holds in memory for one app: its current config, the instances of its running
 * revisions, and the lock that lets one rollout run at a time.
 */
final class LiveApp {

  final String name;
  final ReentrantLock lock = new ReentrantLock();
  final Map<Integer, Instance> instances = new ConcurrentHashMap<>();
  volatile AppConfig config;
  volatile Path baseDir;
  volatile Long activeRollout;
  boolean busy;
  volatile LockHolder holder;

  /** The deploy waiting for approvals, if any. */
  volatile PendingApproval pending;

  /** Why the lock was taken from its holder by {@code relevo unlock}, while it lets go. */
  volatile String unlocked;

  volatile RolloutProgress progress;
  volatile RolloutControl control;
  volatile PromotionWatch watch;
  final TrafficHistory history = new TrafficHistory();
  volatile LivenessMonitor liveness;

  /** Why the last scheduled restore drill failed; null when it passed or none ran. */
  volatile String drillAlert;

  LiveApp(String name, AppConfig config, Path baseDir) {
    this.name = name;
    this.config = config;
    this.baseDir = baseDir;
  }
}
