package io.relevo.server.v1;

import io.relevo.core.store.Revision;

/**
 * {@code GET /api/v1/apps/APP/revisions/N}: what a revision was deployed with, for {@code relevo
 * promote-release} to ship the same again elsewhere.
 *
 * @param configText the config as stored with the revision, before {@code ${VAR}} interpolation
 * @param configHash SHA-256 of {@code configText}
 */
public record RevisionConfigView(
    String app,
    int revision,
    String version,
    String configFile,
    String configText,
    String configHash) {

  public static RevisionConfigView of(Revision revision) {
    return new RevisionConfigView(
        revision.app(),
        revision.number(),
        revision.version(),
        revision.configFile(),
        revision.configText(),
        revision.configHash());
  }
}
