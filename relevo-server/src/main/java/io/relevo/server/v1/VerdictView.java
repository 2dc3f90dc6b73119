package io.relevo.server.v1;

import io.relevo.core.history.RevisionVerdict;

/**
 * {@code GET /api/v1/apps/{app}/revisions}: what history says of one revision.
 *
 * @param mark good, bad or unknown
 * @param why the evidence, for people; never null
 */
public record VerdictView(
    int revision, String version, RevisionState state, VerdictMark mark, String why) {

  public VerdictView {
    why = why == null ? "" : why;
  }

  public static VerdictView of(RevisionVerdict v) {
    return new VerdictView(
        v.revision(),
        v.version(),
        WireEnums.of(RevisionState.class, v.state()),
        WireEnums.of(VerdictMark.class, v.mark()),
        v.why());
  }
}
