package io.relevo.server.v1;

import io.relevo.core.store.Revision;
import java.time.Instant;

/**
 * One revision of an app, as the API shows it.
 *
 * @param number its number, 1, 2, 3 … per app
 * @param version its version label
 * @param configHash SHA-256 of {@code configText}
 * @param instance where it runs, or null when it does not
 * @param keepUntil for a warm revision, when it stops; else null
 * @param exitCode how its process ended, or null
 */
public record RevisionView(
    String app,
    int number,
    String version,
    String configHash,
    String configText,
    String configFile,
    RevisionState state,
    InstanceView instance,
    Instant createdAt,
    Instant keepUntil,
    Integer exitCode) {

  public static RevisionView of(Revision r) {
    return r == null
        ? null
        : new RevisionView(
            r.app(),
            r.number(),
            r.version(),
            r.configHash(),
            r.configText(),
            r.configFile(),
            WireEnums.of(RevisionState.class, r.state()),
            InstanceView.of(r.instance()),
            r.createdAt(),
            r.keepUntil(),
            r.exitCode());
  }

  /** {@code 3 (v1.2.0)}. */
  public String label() {
    return number + " (" + version + ")";
  }
}
