package io.relevo.core.store;

import io.relevo.core.metrics.RevisionStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A watch after promotion under way, as history keeps it so that an agent restart resumes it with
 * its remaining time and the same evidence to compare with.
 *
 * @param app the app
 * @param rolloutId the deploy that promoted the revision; the watch's events go there
 * @param promoted the revision being watched
 * @param previous the revision it is judged against, kept warm meanwhile
 * @param until when the watch ends
 * @param reference the previous revision's traffic before the switch, as counters from zero
 *     (requests, 5xx for every error, and the latency histogram when there was one)
 * @param referenceSpan how long that traffic took
 */
public record WatchRecord(
    String app,
    long rolloutId,
    int promoted,
    int previous,
    Instant until,
    RevisionStats reference,
    Duration referenceSpan) {

  public WatchRecord {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(reference, "reference");
    referenceSpan = referenceSpan == null ? Duration.ZERO : referenceSpan;
  }
}
