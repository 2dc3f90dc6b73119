package io.relevo.core.store;

/**
 * What the agent must know of an app to restore it after a restart.
 *
 * @param app the app
 * @param stableRevision the revision that takes all traffic; null when none does
 * @param lastKnownGood the newest revision that was promoted and not rolled back for misbehaving,
 *     as {@link io.relevo.core.history.RevisionVerdicts} judges it; null when none is. The engine
 *     writes it after every switch and every finished rollout.
 */
public record AppState(String app, Integer stableRevision, Integer lastKnownGood) {}
