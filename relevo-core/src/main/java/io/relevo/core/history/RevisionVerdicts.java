package io.relevo.core.history;

import io.relevo.core.history.RevisionVerdict.Mark;
import io.relevo.core.store.AppState;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Kind;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which revisions of an app are good, bad or unknown, as its history tells.
 *
 * <ul>
 *   <li><b>bad</b>: it was refused (its deploy failed or was aborted), rolled back (its deploy
 *       ended {@code ROLLED_BACK}: an abort, an analysis, the watch after promotion; or a rollback
 *       went away from it), or it crashed. Bad is for good: a revision rolled back once stays bad
 *       even after a {@code rollback --to} brought it back.
 *   <li><b>good</b>: not bad, and it served all traffic: a deploy promoted it, a rollback restored
 *       it, or the app state names it as stable or as last known good (the only trace left when its
 *       rollouts are older than the {@value #ROLLOUTS_READ} that are read).
 *   <li><b>unknown</b>: anything else, e.g. a revision whose rollout is under way.
 * </ul>
 *
 * A failed restart (after an agent restart or for a rollback) is not evidence either way: it says
 * more about the host than about the revision.
 */
public final class RevisionVerdicts {

  /** How many of an app's newest rollouts the verdicts are drawn from. */
  public static final int ROLLOUTS_READ = 1000;

  private final List<Revision> revisions;
  private final Map<Integer, RevisionVerdict> verdicts = new HashMap<>();

  private RevisionVerdicts(List<Revision> revisions, Map<Integer, RevisionVerdict> verdicts) {
    this.revisions = List.copyOf(revisions);
    this.verdicts.putAll(verdicts);
  }

  /** Reads the app's revisions, its newest {@value #ROLLOUTS_READ} rollouts and its state. */
  public static RevisionVerdicts read(Store store, String app) {
    return of(
        store.revisions(app), store.rollouts(app, ROLLOUTS_READ), store.appState(app).orElse(null));
  }

  /**
   * Judges every revision in {@code revisions} (newest first, as the store lists them) by {@code
   * rollouts} (newest first) and {@code state} (may be null).
   */
  public static RevisionVerdicts of(
      List<Revision> revisions, List<RolloutRecord> rollouts, AppState state) {
    Map<Integer, String> bad = new HashMap<>();
    Map<Integer, String> served = new HashMap<>();
    Integer stable = state == null ? null : state.stableRevision();
    Integer lastKnownGood = state == null ? null : state.lastKnownGood();
    for (Revision r : revisions) {
      if (r.state() == Revision.State.CRASHED) {
        bad.put(
            r.number(),
            "crashed" + (r.exitCode() == null ? "" : " with exit code " + r.exitCode()));
      }
    }
    if (stable != null) {
      served.put(stable, "serves all traffic");
    }
    for (RolloutRecord r : rollouts) {
      boolean restart = "restart".equals(r.strategy());
      Outcome outcome = r.outcome();
      if (r.kind() == Kind.DEPLOY && outcome == Outcome.ROLLED_BACK) {
        bad.putIfAbsent(r.toRevision(), rolledBack(r));
      } else if (r.kind() == Kind.DEPLOY
          && !restart
          && (outcome == Outcome.FAILED || outcome == Outcome.ABORTED)) {
        bad.putIfAbsent(
            r.toRevision(), "refused in rollout " + r.id() + ": " + firstLine(r.outcomeReason()));
      } else if (r.kind() == Kind.DEPLOY && outcome == Outcome.PROMOTED) {
        served.putIfAbsent(r.toRevision(), "served all traffic after rollout " + r.id());
      } else if (r.kind() == Kind.ROLLBACK && outcome.succeeded()) {
        served.putIfAbsent(r.toRevision(), "served all traffic after rollback " + r.id());
        if (r.fromRevision() != null) {
          bad.putIfAbsent(
              r.fromRevision(),
              "rolled back by "
                  + r.actor()
                  + " in rollout "
                  + r.id()
                  + (r.reason().isBlank() ? "" : ": " + firstLine(r.reason())));
        }
      }
    }
    if (lastKnownGood != null) {
      served.putIfAbsent(lastKnownGood, "served all traffic (the app's last known good revision)");
    }
    Map<Integer, RevisionVerdict> verdicts = new HashMap<>();
    for (Revision r : revisions) {
      int n = r.number();
      RevisionVerdict verdict;
      if (bad.containsKey(n)) {
        verdict = verdict(r, Mark.BAD, bad.get(n));
      } else if (r.state() == Revision.State.FAILED) {
        verdict = verdict(r, Mark.BAD, "refused during its rollout");
      } else if (served.containsKey(n)) {
        verdict = verdict(r, Mark.GOOD, served.get(n));
      } else if (underWay(r.state())) {
        verdict = verdict(r, Mark.UNKNOWN, "its rollout is under way");
      } else {
        verdict = verdict(r, Mark.UNKNOWN, "history does not say that it served all traffic");
      }
      verdicts.put(n, verdict);
    }
    return new RevisionVerdicts(revisions, verdicts);
  }

  /** The verdict on one revision; unknown for a number the app never had. */
  public RevisionVerdict of(int revision) {
    RevisionVerdict verdict = verdicts.get(revision);
    return verdict != null
        ? verdict
        : new RevisionVerdict(revision, null, null, Mark.UNKNOWN, "no such revision");
  }

  /** Every revision's verdict, newest first. */
  public List<RevisionVerdict> all() {
    List<RevisionVerdict> all = new ArrayList<>();
    revisions.forEach(r -> all.add(verdicts.get(r.number())));
    return all;
  }

  /** The newest good revision, the stable one included; what {@link AppState} records. */
  public Optional<Integer> lastKnownGood() {
    return revisions.stream()
        .filter(r -> verdicts.get(r.number()).mark() == Mark.GOOD)
        .map(Revision::number)
        .findFirst();
  }

  /**
   * Where a rollback without {@code --to} goes: the newest good revision other than {@code stable}
   * that still runs ({@code warm}: a switch), else the newest good one (a restart). Empty when no
   * other revision is good.
   */
  public Optional<Revision> rollbackTarget(Integer stable, Predicate<Revision> warm) {
    List<Revision> good =
        revisions.stream()
            .filter(r -> stable == null || r.number() != stable)
            .filter(r -> verdicts.get(r.number()).mark() == Mark.GOOD)
            .filter(r -> !underWay(r.state()))
            .toList();
    return good.stream().filter(warm).findFirst().or(() -> good.stream().findFirst());
  }

  private static boolean underWay(Revision.State state) {
    return state == Revision.State.STARTING
        || state == Revision.State.READY
        || state == Revision.State.CANARY;
  }

  private static String rolledBack(RolloutRecord deploy) {
    String reason = firstLine(deploy.outcomeReason());
    return reason.startsWith("rolled back")
        ? reason + " (rollout " + deploy.id() + ")"
        : "rolled back in rollout " + deploy.id() + ": " + reason;
  }

  private static RevisionVerdict verdict(Revision r, Mark mark, String why) {
    return new RevisionVerdict(r.number(), r.version(), r.state(), mark, why);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
