package io.relevo.core.engine;

import io.relevo.core.Plural;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.SmokeCheck;
import io.relevo.core.health.SmokeResult;
import io.relevo.core.health.SmokeRunner;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.store.RolloutEvent.Status;
import java.util.List;
import java.util.Optional;

/**
 * Sends the {@code verify} checks to the app's front door (its {@code listen} address, through the
 * proxy), as a user would: once right after promotion, then at every poll of the watch after
 * promotion. Reuses the smoke runner; header values come from the config's {@code ${VAR}}s and are
 * never part of a result.
 */
final class VerifyStage {

  private final SmokeRunner runner;

  VerifyStage(SmokeRunner runner) {
    this.runner = runner;
  }

  /** Where a client reaches the app: a wildcard listen address is reached on loopback. */
  static Endpoint frontDoor(HostPort listen) {
    String host = listen.host();
    boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    return new Endpoint(wildcard ? "127.0.0.1" : host, listen.port());
  }

  /** Runs all checks right after promotion, each an event; throws if any failed. */
  void afterPromotion(HostPort listen, List<SmokeCheck> checks, RolloutLog log) throws StepFailed {
    if (checks.isEmpty()) {
      return;
    }
    Endpoint door = frontDoor(listen);
    log.event(
        "verify",
        Status.STARTED,
        Plural.count(checks.size(), "verification check") + " against the front door " + door);
    int failed = 0;
    String firstFailure = null;
    for (SmokeCheck check : checks) {
      SmokeResult result = runner.run(door, check);
      log.event(
          "verify", result.passed() ? Status.OK : Status.FAILED, result.detail(), result.took());
      if (!result.passed()) {
        failed++;
        firstFailure = firstFailure == null ? result.detail() : firstFailure;
      }
    }
    if (failed > 0) {
      throw new StepFailed(
          failed
              + " of "
              + Plural.count(checks.size(), "verification check")
              + " failed after promotion; first: "
              + firstFailure);
    }
  }

  /**
   * Runs the checks again during the watch, stopping at the first failure, which is recorded as an
   * event and returned; passes are not recorded again (the watch's end says how many rounds
   * passed).
   */
  Optional<String> duringWatch(HostPort listen, List<SmokeCheck> checks, RolloutLog log) {
    Endpoint door = frontDoor(listen);
    for (SmokeCheck check : checks) {
      SmokeResult result = runner.run(door, check);
      if (!result.passed()) {
        log.event("verify", Status.FAILED, result.detail(), result.took());
        return Optional.of("verification check failed: " + result.detail());
      }
    }
    return Optional.empty();
  }
}
