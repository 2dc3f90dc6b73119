package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.engine.SeverityPolicy.Action;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import io.relevo.core.testing.ManualClock;
import io.relevo.core.testing.SimulatedTraffic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `relevo rollback --severity`: what each severity does, and the post-rollback checklist. */
class SeverityRollbackTest {

  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeRouter router = new FakeRouter();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeChecks checks = new FakeChecks(runtime);
  private final SimulatedTraffic traffic = new SimulatedTraffic(clock, router, runtime, 100);
  private final RolloutEngine engine =
      new RolloutEngine(
          new EngineParts(
              runtime,
              router,
              store,
              null,
              checks,
              checks,
              clock,
              clock,
              Path.of("/tmp/relevo-test"),
              Map.of(),
              traffic));

  private static final AppConfig CONFIG =
      ConfigLoader.parse(
          "relevo.yml",
          """
          app: shop
          runtime:
            command: [run, "{version}"]
          rollback:
            keep_previous: 10m
            watch_after_promotion: 0s
          """,
          Map.of());

  private void deployTwo() {
    for (String version : new String[] {"v1", "v2"}) {
      engine.deploy(
          new DeployRequest(CONFIG, Path.of("/srv/shop"), version, "ana", ""),
          RolloutListener.none());
    }
  }

  private RolloutRecord rollback(Severity severity, boolean now) {
    return engine.rollback(
        new RollbackRequest("shop", null, "ana", "checkout 500s", false, null, severity, now),
        RolloutListener.none());
  }

  @Test
  void theRunbookDecidesWhatEachSeverityDoes() {
    assertThat(SeverityPolicy.decide(Severity.SEV1, false)).isEqualTo(Action.ROLL_BACK);
    assertThat(SeverityPolicy.decide(Severity.SEV2, false))
        .isEqualTo(Action.CONFIRM_THEN_ROLL_BACK);
    assertThat(SeverityPolicy.decide(Severity.SEV3, false)).isEqualTo(Action.FIX_FORWARD);
    assertThat(SeverityPolicy.decide(Severity.SEV4, false)).isEqualTo(Action.FIX_FORWARD);
    assertThat(SeverityPolicy.decide(Severity.SEV4, true)).isEqualTo(Action.CONFIRM_THEN_ROLL_BACK);
    assertThat(Severity.parse("sev2")).isEqualTo(Severity.SEV2);
    assertThatThrownBy(() -> Severity.parse("P1"))
        .isInstanceOf(RelevoException.class)
        .hasMessage("unknown severity P1 (expected: SEV1, SEV2, SEV3 or SEV4)");
  }

  @Test
  void sev1RollsBackAtOnceAndRecordsTheMeasuredChecklist() {
    deployTwo();
    clock.advance(Duration.ofSeconds(30));

    RolloutRecord rollback = rollback(Severity.SEV1, false);

    assertThat(rollback.outcome()).isEqualTo(Outcome.RESTORED);
    assertThat(router.servingRevision("shop")).isEqualTo(1);
    assertThat(rollback.events())
        .filteredOn(e -> e.step().equals("severity"))
        .extracting(RolloutEvent::message)
        .containsExactly(
            "SEV1 (system down): full rollback at once, service back in under 5 minutes");
    assertThat(rollback.events())
        .filteredOn(e -> e.step().equals(PostRollbackChecklist.STEP))
        .extracting(RolloutEvent::message)
        .satisfiesExactly(
            health -> assertThat(health).startsWith("health: "),
            smoke -> assertThat(smoke).isEqualTo("smoke: no smoke checks configured"),
            errors ->
                assertThat(errors)
                    .startsWith("error rate: 0.0% over 5s (0 of ")
                    .endsWith("while revision 1 (v1) was stable: back to stable's level"),
            backup ->
                assertThat(backup).isEqualTo("backup: no backup of shop (no migrations.backup)"),
            notified -> assertThat(notified).isEqualTo("notified: no channel configured"),
            summary -> assertThat(summary).isEqualTo("5 of 5 checklist items ok"));
    assertThat(store.rollouts("shop", 10).get(0).events())
        .as("the checklist is in history, for relevo incident")
        .anyMatch(e -> e.step().equals(PostRollbackChecklist.STEP));
  }

  @Test
  void aChecklistItemThatFailsIsReportedAndTheRollbackStands() {
    deployTwo();
    clock.advance(Duration.ofSeconds(30));
    traffic.turnBad("v1"); // the revision rolled back to fails half its requests from now on
    checks.sicken("v1");

    RolloutRecord rollback = rollback(Severity.SEV1, false);

    assertThat(rollback.outcome()).isEqualTo(Outcome.RESTORED);
    assertThat(router.servingRevision("shop")).isEqualTo(1);
    assertThat(rollback.events())
        .filteredOn(e -> e.step().equals(PostRollbackChecklist.STEP))
        .extracting(e -> e.status() + " " + e.message())
        .contains(
            "FAILED health: HTTP 500 (expected: 200)",
            "FAILED error rate: 50.0% over 5s (250 of 500 requests) against 0.0% while"
                + " revision 1 (v1) was stable: above stable's level",
            "WARNING 3 of 5 checklist items ok");
  }

  @Test
  void sev3RecordsTheIncidentAndLeavesTrafficAlone() {
    deployTwo();

    RolloutRecord incident = rollback(Severity.SEV3, false);

    assertThat(incident.kind()).isEqualTo(RolloutRecord.Kind.INCIDENT);
    assertThat(incident.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(router.servingRevision("shop")).isEqualTo(2);
    assertThat(incident.outcomeReason())
        .startsWith("traffic untouched; fix forward within the hour")
        .contains("relevo rollback shop --severity SEV3 --now");
  }

  @Test
  void sev4WithNowRollsBack() {
    deployTwo();

    RolloutRecord rollback = rollback(Severity.SEV4, true);

    assertThat(rollback.kind()).isEqualTo(RolloutRecord.Kind.ROLLBACK);
    assertThat(router.servingRevision("shop")).isEqualTo(1);
  }

  @Test
  void aSeverityWithoutAReasonIsRefused() {
    assertThatThrownBy(
            () -> new RollbackRequest("shop", null, "ana", " ", false, null, Severity.SEV1, false))
        .hasMessage(
            "--severity needs a reason for the incident record (expected: --severity SEV1"
                + " --reason \"what users see\")");
  }
}
