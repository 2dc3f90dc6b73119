package io.relevo.core.history;

import io.relevo.core.store.Revision;
import java.util.Objects;

/**
 * What history says of one revision, for {@code relevo history} and for picking a rollback target.
 *
 * @param revision the revision's number
 * @param version its version label
 * @param state where it is in its life now
 * @param mark good, bad or unknown
 * @param why the evidence, for people: {@code rolled back by relevo in rollout 4: revision 2 (v2)
 *     failed the watch after promotion: …}
 */
public record RevisionVerdict(
    int revision, String version, Revision.State state, Mark mark, String why) {

  public RevisionVerdict {
    Objects.requireNonNull(mark, "mark");
    why = why == null ? "" : why;
  }

  /** Whether a revision can be trusted with all traffic again. */
  public enum Mark {
    /** It served all traffic and was never rolled back, refused, or seen to crash. */
    GOOD,
    /**
     * It was refused, rolled back (by an abort, an analysis, the watch or a person), or crashed.
     */
    BAD,
    /** Anything else: its rollout is under way, or history no longer says how it did. */
    UNKNOWN
  }
}
