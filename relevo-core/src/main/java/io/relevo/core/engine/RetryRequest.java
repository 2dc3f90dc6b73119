package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.store.Store;
import java.util.Locale;

/** What {@code relevo retry} runs again: the app's last deploy, if it failed or was rolled back. */
final class RetryRequest {

  /** How far back in the app's history the last deploy is looked for. */
  private static final int LOOK_BACK = 20;

  private RetryRequest() {}

  /**
   * The last deploy of {@code app} (restarts aside) as a new request by {@code actor}: same
   * version, same config, same base dir.
   *
   * @throws RelevoException BAD_INPUT when the app has no deploy, or its last one did not fail
   */
  static DeployRequest of(Store store, Recovery recovery, String app, String actor) {
    RolloutRecord last =
        store.rollouts(app, LOOK_BACK).stream()
            .filter(r -> r.kind() == RolloutRecord.Kind.DEPLOY && !"restart".equals(r.strategy()))
            .findFirst()
            .orElseThrow(
                () -> new RelevoException(Kind.BAD_INPUT, app + " has no deploy to retry"));
    if (last.outcome() != Outcome.FAILED && last.outcome() != Outcome.ROLLED_BACK) {
      throw new RelevoException(
          Kind.BAD_INPUT,
          "the last deploy of "
              + app
              + " (rollout "
              + last.id()
              + ") ended "
              + last.outcome().name().toLowerCase(Locale.ROOT)
              + "; nothing to retry");
    }
    Revision revision = store.revision(app, last.toRevision()).orElseThrow();
    return new DeployRequest(
        recovery.configOf(revision),
        Recovery.baseDirOf(revision),
        revision.version(),
        actor,
        "retry of rollout " + last.id());
  }
}
