package io.relevo.checks;

import io.relevo.core.load.SyntheticLoad;
import java.time.Duration;

/**
 * Synthetic load for analyses ({@code analysis.NAME.load}), sent on the JDK's HTTP client straight
 * to each revision. The returned object is thread-safe and may be shared by every app; each {@link
 * SyntheticLoad#start} gets its own thread and connections.
 */
public final class Loads {

  /** How long one synthetic request may take, body included, before it counts as a timeout. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** How long a load runs when nobody closes it: an analysis forgotten open stops by itself. */
  public static final Duration MAX_RUN = Duration.ofHours(1);

  /** The most synthetic requests open at once to one revision. */
  public static final int MAX_IN_FLIGHT = 100;

  private Loads() {}

  /**
   * Load over HTTP/1.1: each target gets {@code rate} requests per second, evenly spaced and sent
   * on schedule whether or not earlier ones were answered, with the spec's method, path and headers
   * and {@code X-Relevo-Synthetic: 1}. A request counts as a timeout after {@link
   * #REQUEST_TIMEOUT}, or at once when {@link #MAX_IN_FLIGHT} (or, at low rates, {@code rate ×
   * timeout}) requests to that revision are still open. A load stops on close, or by itself after
   * {@link #MAX_RUN}.
   */
  public static SyntheticLoad http() {
    return new HttpSyntheticLoad(REQUEST_TIMEOUT, MAX_RUN, MAX_IN_FLIGHT);
  }
}
