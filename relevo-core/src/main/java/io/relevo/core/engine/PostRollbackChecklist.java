package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.NotifyChannel;
import io.relevo.core.config.NotifyEvent;
import io.relevo.core.config.SmokeCheck;
import io.relevo.core.database.Backup;
import io.relevo.core.health.HealthResult;
import io.relevo.core.health.SmokeResult;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.runtime.Instance;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The runbook's post-rollback checklist, each item measured now and written to the rollback's log:
 * the serving revision's health (one readiness probe), its smoke checks run again, its error rate
 * over a short window after the switch against its own level while it was stable, the newest backup
 * and its age, and who was notified.
 */
final class PostRollbackChecklist {

  static final String STEP = "checklist";

  /** One item: what was checked, whether it passed, the measured result. */
  record Item(String name, boolean ok, String result) {}

  private final EngineParts parts;
  private final Duration window;

  PostRollbackChecklist(EngineParts parts, Duration window) {
    this.parts = parts;
    this.window = window;
  }

  /**
   * Runs every item against {@code instance} of {@code target} (whose counters read {@code before}
   * at the switch), logs each and returns them.
   */
  List<Item> run(
      String app, Revision target, Instance instance, AppConfig config, RevisionStats before)
      throws InterruptedException {
    List<Item> items = new ArrayList<>();
    items.add(health(instance, config));
    items.add(smoke(instance, config.smoke()));
    items.add(errorRate(app, target, before));
    items.add(backup(app));
    items.add(notified(app, config));
    return items;
  }

  /** The channels that hear of this rollback, and any that keeps failing for the app. */
  private Item notified(String app, AppConfig config) {
    List<String> channels =
        config.notifications().stream()
            .filter(c -> c.wants(NotifyEvent.ROLLED_BACK))
            .map(NotifyChannel::name)
            .toList();
    List<String> problems = parts.notifier().problems(app);
    String result = channels.isEmpty() ? "no channel configured" : String.join(", ", channels);
    return new Item(
        "notified",
        problems.isEmpty(),
        problems.isEmpty() ? result : result + "; " + String.join("; ", problems));
  }

  /** Logs the items and a summary line. */
  static void log(List<Item> items, RolloutLog log) {
    for (Item item : items) {
      log.event(STEP, item.ok() ? Status.OK : Status.FAILED, item.name() + ": " + item.result());
    }
    long ok = items.stream().filter(Item::ok).count();
    log.event(
        STEP,
        ok == items.size() ? Status.OK : Status.WARNING,
        ok + " of " + items.size() + " checklist items ok");
  }

  private Item health(Instance instance, AppConfig config) {
    HealthResult result = parts.health().check(instance.endpoint(), config.health().readiness());
    return new Item("health", result.passed(), result.detail());
  }

  private Item smoke(Instance instance, List<SmokeCheck> checks) {
    if (checks.isEmpty()) {
      return new Item("smoke", true, "no smoke checks configured");
    }
    int passed = 0;
    String firstFailure = "";
    for (SmokeCheck check : checks) {
      SmokeResult result = parts.smoke().run(instance.endpoint(), check);
      if (result.passed()) {
        passed++;
      } else if (firstFailure.isEmpty()) {
        firstFailure = "; first failure: " + result.detail();
      }
    }
    return new Item(
        "smoke",
        passed == checks.size(),
        passed + " of " + checks.size() + " passed again" + firstFailure);
  }

  private Item errorRate(String app, Revision target, RevisionStats before)
      throws InterruptedException {
    parts.sleeper().sleep(window);
    RevisionStats after = parts.metrics().snapshot(app, target.number());
    long requests = after.requests() - before.requests();
    long errors = errors(after) - errors(before);
    String seconds = window.toSeconds() + "s";
    if (requests <= 0) {
      return new Item(
          "error rate",
          true,
          "no requests in the " + seconds + " after the switch: nothing to compare yet");
    }
    double rate = (double) errors / requests;
    double level = before.requests() == 0 ? 0 : (double) errors(before) / before.requests();
    // stable's level, with one percentage point of slack so a single error in a short window of
    // a quiet app does not fail the item
    boolean ok = rate <= level + 0.01;
    return new Item(
        "error rate",
        ok,
        percent(rate)
            + " over "
            + seconds
            + " ("
            + errors
            + " of "
            + requests
            + " requests) against "
            + percent(level)
            + " while revision "
            + target.label()
            + " was stable"
            + (ok ? ": back to stable's level" : ": above stable's level"));
  }

  private Item backup(String app) {
    List<Backup> backups;
    try {
      backups = parts.databases().history().backups(app);
    } catch (RelevoException e) {
      return new Item("backup", false, "cannot read backups: " + e.getMessage());
    }
    if (backups.isEmpty()) {
      return new Item("backup", true, "no backup of " + app + " (no migrations.backup)");
    }
    Backup newest = backups.get(0);
    Duration age = Duration.between(newest.takenAt(), parts.clock().instant());
    return new Item(
        "backup",
        true,
        "newest verified backup "
            + newest.id()
            + " of revision "
            + newest.revision()
            + ", "
            + age.toMinutes()
            + " min old");
  }

  private static long errors(RevisionStats stats) {
    return stats.status5xx() + stats.connectFailures() + stats.timeouts();
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }
}
