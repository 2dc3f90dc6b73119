package io.relevo.cli;

import io.relevo.server.v1.AppView;
import io.relevo.server.v1.ProgressView;
import io.relevo.server.v1.RevisionView;
import io.relevo.server.v1.RolloutView;
import io.relevo.server.v1.SplitView;
import io.relevo.server.v1.WatchView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One app for people: where it listens, the live split with each revision's version and weight, the
 * rollout under way (its step and each metric's canary and stable values), then the revisions that
 * run.
 *
 * <pre>
 * app:      shop (production)
 * listen:   127.0.0.1:8080
 * stable:   2 (1.1.0)
 * rollout:  8 deploy to 3 since 2026-11-24 10:00:00
 *
 * REVISION  VERSION  WEIGHT  ENDPOINT
 * 2         1.1.0    90%     127.0.0.1:41000
 * 3         1.2.0    10%     127.0.0.1:41001
 *
 * step 3/6: analysis default (2/5), canary at 10%
 *   error-rate: canary 7.2% vs stable 0.4% (fail if canary - stable &gt; 0.05), 812 vs 7301 requests
 * </pre>
 */
final class AppStatusView {

  static final String NO_ROLLOUT = "no rollout under way";

  private AppStatusView() {}

  static void print(AppView s, PrintWriter out) {
    out.println("app:      " + s.app() + (s.env() == null ? "" : " (" + s.env() + ")"));
    out.println(
        "listen:   " + (s.listen() == null ? "none: the front door is closed" : s.listen()));
    out.println("stable:   " + Formats.revision(s.stable()));
    out.println("rollout:  " + rollout(s.activeRollout()));
    if (s.watch() != null) {
      out.println("watch:    " + watchLine(s.watch()));
    }
    s.alerts().forEach(alert -> out.println("ALERT:    " + alert));
    out.println();
    printSplit(s, out);
    out.println();
    progressLines(s.progress(), s.app()).forEach(out::println);
    out.println();
    printRunning(s.running(), out);
    out.flush();
  }

  /** {@code revision 3 (1.2.0) watched against 2 until 10:20:00Z (4m12s left); last: pass at …}. */
  static String watchLine(WatchView w) {
    return "revision "
        + w.revision()
        + " ("
        + w.version()
        + ") watched against "
        + w.against()
        + " until "
        + w.until()
        + " ("
        + w.left()
        + " left); last: "
        + w.last();
  }

  /** The split as a table, one row per revision that has a place in it. */
  static void printSplit(AppView s, PrintWriter out) {
    SplitView split = s.split();
    if (split == null || split.backends().isEmpty()) {
      out.println("no revision takes traffic");
      return;
    }
    Table table = new Table("REVISION", "VERSION", "WEIGHT", "ENDPOINT");
    for (SplitView.Backend b : split.backends()) {
      table.row(
          b.revision(),
          version(s, b.revision()),
          b.weight() + "%",
          b.endpoint() == null ? null : b.endpoint().host() + ":" + b.endpoint().port());
    }
    table.print(out);
  }

  /**
   * {@code step 3/6: analysis default (2/5), canary at 10%} and one indented line per metric of the
   * latest measurement; {@link #NO_ROLLOUT} when none is under way.
   */
  static List<String> progressLines(ProgressView progress, String app) {
    if (progress == null) {
      return List.of(NO_ROLLOUT);
    }
    List<String> lines = new ArrayList<>();
    String description = Objects.requireNonNullElse(progress.description(), "");
    String step = "step " + progress.step() + "/" + progress.steps() + ": ";
    if (progress.paused() && !description.startsWith("paused")) {
      lines.add(step + description + ", paused: waiting for relevo promote");
    } else {
      lines.add(step + description + ", canary at " + progress.canaryWeight() + "%");
    }
    if (progress.paused()) {
      lines.add(
          "  go on with `relevo promote "
              + app
              + "` (--full for 100%), or `relevo abort "
              + app
              + "`");
    }
    if (progress.evidence().isEmpty()) {
      lines.add("  no analysis measurement yet");
    }
    progress.evidence().forEach(line -> lines.add("  " + line));
    return lines;
  }

  private static void printRunning(List<RevisionView> running, PrintWriter out) {
    if (running == null || running.isEmpty()) {
      out.println("no revision runs");
      return;
    }
    Table table = new Table("REVISION", "VERSION", "STATE", "ENDPOINT", "STARTED", "KEPT UNTIL");
    for (RevisionView r : running) {
      table.row(
          r.number(),
          r.version(),
          Formats.lower(r.state()),
          r.instance() == null ? null : r.instance().host() + ":" + r.instance().port(),
          Formats.time(r.createdAt()),
          r.keepUntil() == null ? null : Formats.time(r.keepUntil()));
    }
    table.print(out);
  }

  private static String version(AppView s, int revision) {
    List<RevisionView> known = new ArrayList<>(s.running() == null ? List.of() : s.running());
    if (s.stable() != null) {
      known.add(s.stable());
    }
    return known.stream()
        .filter(r -> r.number() == revision)
        .map(RevisionView::version)
        .findFirst()
        .orElse(null);
  }

  static String rollout(RolloutView active) {
    return active == null
        ? "none"
        : active.id()
            + " "
            + Formats.lower(active.kind())
            + " to "
            + active.toRevision()
            + " ("
            + active.strategy()
            + ") since "
            + Formats.time(active.startedAt());
  }
}
