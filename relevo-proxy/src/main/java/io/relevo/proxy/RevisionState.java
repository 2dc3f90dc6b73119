package io.relevo.proxy;

import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.runtime.Endpoint;

/**
 * What the proxy keeps about one revision of an app for as long as the app is open: its counters,
 * its in-flight requests, and the endpoint it was last routed to (for closing idle connections once
 * it is drained).
 */
final class RevisionState {

  private final int revision;
  private final RevisionCounters counters = new RevisionCounters();
  private final DrainTracker drain = new DrainTracker();
  private volatile Endpoint endpoint;

  RevisionState(int revision) {
    this.revision = revision;
  }

  int revision() {
    return revision;
  }

  RevisionCounters counters() {
    return counters;
  }

  DrainTracker drain() {
    return drain;
  }

  /** The revision's counters, with the ages of its requests in flight now. */
  RevisionStats snapshot() {
    return counters.snapshot(drain.ages(System.nanoTime()));
  }

  Endpoint endpoint() {
    return endpoint;
  }

  void routedTo(Endpoint endpoint) {
    this.endpoint = endpoint;
  }
}
