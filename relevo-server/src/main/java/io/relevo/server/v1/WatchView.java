package io.relevo.server.v1;

import io.relevo.core.engine.AppStatus;
import java.time.Instant;

/**
 * The watch after a promotion, while it runs.
 *
 * @param revision the promoted revision
 * @param against the previous revision it is judged against
 * @param until when the watch ends
 * @param left time left, like {@code 4m12s}
 * @param last the latest measurement's verdict and first metric
 */
public record WatchView(
    int revision, String version, int against, Instant until, String left, String last) {

  public static WatchView of(AppStatus.Watch w) {
    return w == null
        ? null
        : new WatchView(w.revision(), w.version(), w.against(), w.until(), w.left(), w.last());
  }
}
