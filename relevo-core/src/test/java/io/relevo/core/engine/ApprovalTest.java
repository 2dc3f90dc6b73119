package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.relevo.core.RelevoException;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import io.relevo.core.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The runbook's two approvals for production, a code owner and a tech lead, on a manual clock. */
class ApprovalTest {

  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeRouter router = new FakeRouter();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeChecks checks = new FakeChecks(runtime);
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
              Map.of()));

  private static final String YAML =
      """
      app: shop
      env: production
      runtime:
        command: [run, "{version}"]
      gates:
        approvals:
          production:
            quorum: 2
            groups: {code-owners: [ana, bob], tech-leads: [dana]}
            expire_after: 4h
            wait_for: 8h
          staging: {quorum: 1}
      """;

  private CompletableFuture<RolloutRecord> deploy(String version) {
    CompletableFuture<RolloutRecord> rollout =
        CompletableFuture.supplyAsync(
            () ->
                engine.deploy(
                    new DeployRequest(
                        ConfigLoader.parse("relevo.yml", YAML, Map.of()),
                        Path.of("/srv/shop"),
                        version,
                        "ana",
                        ""),
                    RolloutListener.none()));
    await().atMost(Duration.ofSeconds(10)).until(() -> pendingAlert() != null);
    return rollout;
  }

  private String pendingAlert() {
    try {
      return engine.status("shop").alerts().stream()
          .filter(a -> a.startsWith("pending:"))
          .findFirst()
          .orElse(null);
    } catch (RelevoException notYet) {
      return null;
    }
  }

  private static void assertBadInput(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
        .hasMessage(message);
  }

  @Test
  void aDeployWaitsAsPendingUntilACodeOwnerAndATechLeadApprove() {
    CompletableFuture<RolloutRecord> rollout = deploy("v1");

    assertThat(pendingAlert())
        .startsWith("pending: rollout 1 waits for approvals, 0 of 2 approvals; still needed from")
        .contains("`relevo approve shop --rollout 1`");
    assertThat(runtime.running("v1")).isEmpty();
    assertBadInput(
        () -> engine.approve("shop", 1, "ana"),
        "ana asked for rollout 1 of shop and cannot approve it (expected: another person)");
    assertBadInput(
        () -> engine.approve("shop", 1, "eve"),
        "eve is in no approving group of production (expected: a member of code-owners,"
            + " tech-leads)");
    assertThat(engine.approve("shop", 1, "bob"))
        .isEqualTo("1 of 2 approvals (bob, code-owners); still needed from tech-leads");
    assertBadInput(
        () -> engine.approve("shop", 1, "bob"), "bob already approved rollout 1 of shop");
    assertThat(rollout).isNotDone();

    engine.approve("shop", 1, "dana");

    RolloutRecord done = rollout.join();
    assertThat(done.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(done.events())
        .filteredOn(e -> e.step().equals("approval"))
        .extracting(RolloutEvent::message)
        .contains(
            "approved by bob (code-owners): 1 of 2 approvals (bob, code-owners); still needed"
                + " from tech-leads",
            "approved: 2 of 2 approvals (bob, code-owners; dana, tech-leads)");
    assertThat(pendingAlert()).isNull();
  }

  @Test
  void approvalsExpireAndADeployNotApprovedInTimeFails() {
    CompletableFuture<RolloutRecord> rollout = deploy("v1");
    engine.approve("shop", 1, "bob");
    clock.advance(Duration.ofHours(5)); // bob's approval counted for 4h

    assertThat(engine.approve("shop", 1, "dana"))
        .isEqualTo("1 of 2 approvals (dana, tech-leads); still needed from code-owners");
    assertThat(rollout).isNotDone();

    clock.advance(Duration.ofHours(3));
    RolloutRecord failed = rollout.join();

    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.outcomeReason())
        .startsWith(
            "not approved within 8h: 1 of 2 approvals (dana, tech-leads); still needed from"
                + " code-owners");
    assertThat(runtime.running("v1")).isEmpty();
    assertBadInput(
        () -> engine.approve("shop", 1, "bob"),
        "rollout 1 of shop does not wait for approvals (it is failed)");
  }

  @Test
  void aPendingDeployIsCancelledWithAbort() {
    CompletableFuture<RolloutRecord> rollout = deploy("v1");

    engine.abort("shop", "dana", "not this week");

    RolloutRecord cancelled = rollout.join();
    assertThat(cancelled.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(cancelled.outcomeReason()).startsWith("aborted by dana: not this week");
  }

  @Test
  void anApprovalForARolloutThatDoesNotExistIsNotFound() {
    CompletableFuture<RolloutRecord> rollout = deploy("v1");

    assertThatThrownBy(() -> engine.approve("shop", 99, "bob"))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.NOT_FOUND))
        .hasMessage(
            "no rollout 99 of shop (expected: the ID `relevo status shop` shows as pending)");
    engine.abort("shop", "ana", "end of test");
    rollout.join();
  }
}
