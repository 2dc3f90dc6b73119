package io.relevo.core.engine;

import io.relevo.core.config.AppConfig;

/**
 * What the agent's start could not bring back of an app, shown by {@link RolloutEngine#status} as
 * an alert.
 *
 * @param reason one line
 * @param config the config the app was recovered with, the alert lasting while it is in force (a
 *     deploy or a rollback that starts a revision replaces it); null when the app was not recovered
 *     at all
 */
record RecoveryNote(String reason, AppConfig config) {

  static RecoveryNote notRecovered(String why) {
    return new RecoveryNote(
        "not recovered when the agent started: "
            + why.replace("\n", "; ")
            + "; revisions that still run have no front door: start the agent with what the"
            + " config needs, or deploy again",
        null);
  }
}
