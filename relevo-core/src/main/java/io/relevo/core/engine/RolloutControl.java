package io.relevo.core.engine;

/**
 * What people ask of a rollout under way: promote past a pause (or past every step), or abort.
 * Written by API threads, read by the rollout's thread between waits.
 */
final class RolloutControl {

  private boolean promote;
  private boolean full;
  private String abortedBy;
  private String abortReason;

  synchronized void promote(boolean skipAll) {
    promote = true;
    full |= skipAll;
  }

  synchronized void abort(String actor, String reason) {
    if (abortedBy == null) {
      abortedBy = actor;
      abortReason = reason;
    }
  }

  /** Consumes a promote request: true once per {@code relevo promote}. */
  synchronized boolean takePromote() {
    boolean requested = promote;
    promote = false;
    return requested;
  }

  synchronized boolean fullPromotion() {
    return full;
  }

  /** Throws when someone aborted the rollout. */
  synchronized void throwIfAborted() throws StepFailed {
    if (abortedBy != null) {
      throw new StepFailed(
          "aborted by " + abortedBy + (abortReason.isEmpty() ? "" : ": " + abortReason));
    }
  }
}
