package io.relevo.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.history.RevisionVerdict.Mark;
import io.relevo.core.store.AppState;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Kind;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The good, bad and unknown rule, on history written by hand. */
class RevisionVerdictsTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private final List<Revision> revisions = new ArrayList<>();
  private final List<RolloutRecord> rollouts = new ArrayList<>();

  private void revision(int number, Revision.State state) {
    revisions.addFirst(
        new Revision(
            "shop", number, "v" + number, "h", "", "/srv/relevo.yml", state, null, T0, null, null));
  }

  private void rollout(Kind kind, Integer from, int to, Outcome outcome, String why) {
    rollout(kind, from, to, kind == Kind.DEPLOY ? "bluegreen" : "switch", "ana", outcome, why);
  }

  private void rollout(
      Kind kind, Integer from, int to, String strategy, String actor, Outcome outcome, String why) {
    long id = rollouts.size() + 1;
    rollouts.addFirst(
        new RolloutRecord(
            id,
            "shop",
            kind,
            from,
            to,
            strategy,
            actor,
            kind == Kind.ROLLBACK ? why : "",
            T0.plusSeconds(id),
            T0.plusSeconds(id),
            outcome,
            kind == Kind.ROLLBACK ? "rolled back: revision " + to + " serves all traffic" : why,
            List.of()));
  }

  private RevisionVerdicts verdicts(Integer stable) {
    return RevisionVerdicts.of(revisions, rollouts, new AppState("shop", stable, null));
  }

  @Test
  void aPromotedRevisionIsGoodAndAnInFlightOneUnknown() {
    revision(1, Revision.State.SERVING);
    rollout(Kind.DEPLOY, null, 1, Outcome.PROMOTED, "revision 1 (v1) serves all traffic");
    revision(2, Revision.State.CANARY);
    rollout(Kind.DEPLOY, 1, 2, Outcome.RUNNING, null);

    RevisionVerdicts verdicts = verdicts(1);

    assertThat(verdicts.of(1).mark()).isEqualTo(Mark.GOOD);
    assertThat(verdicts.of(1).why()).isEqualTo("serves all traffic");
    assertThat(verdicts.of(2).mark()).isEqualTo(Mark.UNKNOWN);
    assertThat(verdicts.of(2).why()).isEqualTo("its rollout is under way");
    assertThat(verdicts.all()).extracting(RevisionVerdict::revision).containsExactly(2, 1);
  }

  @Test
  void aRefusedARolledBackAndACrashedRevisionAreBad() {
    revision(1, Revision.State.WARM);
    rollout(Kind.DEPLOY, null, 1, Outcome.PROMOTED, "ok");
    revision(2, Revision.State.FAILED);
    rollout(Kind.DEPLOY, 1, 2, Outcome.FAILED, "revision 2 (v2) is unhealthy\ntraffic stays");
    revision(3, Revision.State.FAILED);
    rollout(
        Kind.DEPLOY,
        1,
        3,
        Outcome.ROLLED_BACK,
        "analysis default failed: 2 failed measurements\ntraffic is back on revision 1 (v1)");
    revision(4, Revision.State.CRASHED);
    rollout(Kind.DEPLOY, 1, 4, Outcome.PROMOTED, "ok");

    RevisionVerdicts verdicts = verdicts(null);

    assertThat(verdicts.of(2).why())
        .isEqualTo("refused in rollout 2: revision 2 (v2) is unhealthy");
    assertThat(verdicts.of(3).why())
        .isEqualTo("rolled back in rollout 3: analysis default failed: 2 failed measurements");
    assertThat(verdicts.of(4).why()).isEqualTo("crashed");
    assertThat(verdicts.all())
        .extracting(RevisionVerdict::mark)
        .containsExactly(Mark.BAD, Mark.BAD, Mark.BAD, Mark.GOOD);
    assertThat(verdicts.lastKnownGood()).contains(1);
  }

  @Test
  void aRevisionARollbackLeftIsBadForGoodEvenWhenItServesAgain() {
    revision(1, Revision.State.WARM);
    rollout(Kind.DEPLOY, null, 1, Outcome.PROMOTED, "ok");
    revision(2, Revision.State.SERVING);
    rollout(Kind.DEPLOY, 1, 2, Outcome.PROMOTED, "ok");
    rollout(
        Kind.ROLLBACK,
        2,
        1,
        "switch",
        "relevo",
        Outcome.RESTORED,
        "revision 2 (v2) failed the watch after promotion: error-rate");
    rollout(Kind.ROLLBACK, 1, 2, Outcome.RESTORED, "changed my mind");

    RevisionVerdicts verdicts = verdicts(2);

    assertThat(verdicts.of(2).mark()).isEqualTo(Mark.BAD);
    assertThat(verdicts.of(2).why())
        .isEqualTo(
            "rolled back by relevo in rollout 3: revision 2 (v2) failed the watch after"
                + " promotion: error-rate");
    assertThat(verdicts.of(1).mark()).as("a rollback away from it").isEqualTo(Mark.BAD);
    assertThat(verdicts.lastKnownGood()).isEmpty();
  }

  @Test
  void aRollbackRecordedAsPromotedBeforeRestoredExistedCountsTheSame() {
    revision(1, Revision.State.SERVING);
    rollout(Kind.DEPLOY, null, 1, Outcome.PROMOTED, "ok");
    revision(2, Revision.State.STOPPED);
    rollout(Kind.DEPLOY, 1, 2, Outcome.PROMOTED, "ok");
    rollout(Kind.ROLLBACK, 2, 1, Outcome.PROMOTED, "errors");

    RevisionVerdicts verdicts = verdicts(1);

    assertThat(verdicts.of(2).mark()).isEqualTo(Mark.BAD);
    assertThat(verdicts.of(1).mark()).isEqualTo(Mark.GOOD);
  }

  @Test
  void aFailedRestartIsNoEvidenceEitherWay() {
    revision(1, Revision.State.STOPPED);
    rollout(Kind.DEPLOY, null, 1, Outcome.PROMOTED, "ok");
    rollout(Kind.DEPLOY, null, 1, "restart", "relevo", Outcome.FAILED, "port taken");

    assertThat(verdicts(null).of(1).mark()).isEqualTo(Mark.GOOD);
  }

  @Test
  void theAppStatesLastKnownGoodVouchesForARevisionWhoseRolloutsAreNoLongerRead() {
    revision(1, Revision.State.STOPPED);
    revision(2, Revision.State.STOPPED);
    revision(3, Revision.State.SERVING);

    RevisionVerdicts verdicts =
        RevisionVerdicts.of(revisions, rollouts, new AppState("shop", 3, 2));

    assertThat(verdicts.all())
        .extracting(RevisionVerdict::mark)
        .containsExactly(Mark.GOOD, Mark.GOOD, Mark.UNKNOWN);
  }

  @Test
  void theRollbackTargetIsTheNewestGoodRevisionThatStillRunsElseTheNewestGoodOne() {
    revision(1, Revision.State.WARM);
    rollout(Kind.DEPLOY, null, 1, Outcome.PROMOTED, "ok");
    revision(2, Revision.State.STOPPED);
    rollout(Kind.DEPLOY, 1, 2, Outcome.PROMOTED, "ok");
    revision(3, Revision.State.STOPPED);
    rollout(Kind.DEPLOY, 2, 3, Outcome.ROLLED_BACK, "aborted by ana");
    revision(4, Revision.State.SERVING);
    rollout(Kind.DEPLOY, 2, 4, Outcome.PROMOTED, "ok");
    RevisionVerdicts verdicts = verdicts(4);

    assertThat(verdicts.rollbackTarget(4, r -> Set.of(1).contains(r.number())))
        .map(Revision::number)
        .contains(1);
    assertThat(verdicts.rollbackTarget(4, r -> false)).map(Revision::number).contains(2);
    assertThat(verdicts.lastKnownGood()).contains(4);
  }

  @Test
  void noGoodRevisionBesidesStableIsNoTarget() {
    revision(1, Revision.State.FAILED);
    rollout(Kind.DEPLOY, null, 1, Outcome.FAILED, "not ready");
    revision(2, Revision.State.SERVING);
    rollout(Kind.DEPLOY, null, 2, Outcome.PROMOTED, "ok");

    assertThat(verdicts(2).rollbackTarget(2, r -> true)).isEmpty();
  }
}
