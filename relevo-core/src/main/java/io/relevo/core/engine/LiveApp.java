package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.config.AppConfig;
import io.relevo.core.runtime.Instance;
import java.nio.file.Path;
import java.time.Instant;
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

  /**
   * Takes the app for {@code what} by {@code actor} until {@link #release}: one rollout, restore,
   * rollback or stop at a time. Waits while the agent's housekeeping holds the lock for a tick.
   *
   * @throws RelevoException CONFLICT while another one holds the app, saying which and how to end
   *     it
   */
  void claim(String what, String actor, Instant now) {
    synchronized (this) {
      if (busy) {
        Long active = activeRollout;
        LockHolder current = holder;
        throw new RelevoException(
            Kind.CONFLICT,
            "a rollout of "
                + name
                + " is under way"
                + (current == null
                    ? (active == null ? "" : " (rollout " + active + ")")
                    : " (" + current.describe(now, active) + ")")
                + "; wait for it to end, or follow it with `relevo status "
                + name
                + "`; if it is stuck, `relevo unlock "
                + name
                + " --reason \"...\"` ends it");
      }
      busy = true;
      holder = new LockHolder(what, actor, now, Thread.currentThread());
    }
    lock.lock();
  }

  /** Lets go of what {@link #claim} (or a resumed rollout) took. */
  void release() {
    activeRollout = null;
    lock.unlock();
    synchronized (this) {
      busy = false;
      holder = null;
      unlocked = null;
    }
  }
}
