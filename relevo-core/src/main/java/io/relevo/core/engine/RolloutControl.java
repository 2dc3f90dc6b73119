package io.relevo.core.engine;

/**
 * What people ask of a rollout under way: promote past a pause (or past every step), or abort.
 * Written by API threads, read by the rollout's thread between waits.
 *
 * <p>An abort does not wait for the rollout's thread to notice it: the strategy registers how to
 * put all traffic back on stable ({@link #onAbort}), and {@link #abort} runs that at once in the
 * caller's thread. The rollout's thread then drains and stops the canary and records the outcome.
 */
final class RolloutControl {

  private boolean promote;
  private boolean full;
  private String abortedBy;
  private String abortReason;
  private Runnable backToStable;
  private long switchedBackMicros = -1;
  private boolean candidateHadTraffic;
  private Runnable firstTraffic = () -> {};

  synchronized void promote(boolean skipAll) {
    promote = true;
    full |= skipAll;
  }

  /**
   * Records the abort and, if the strategy said how, puts all traffic back on stable now. Holds the
   * control's lock meanwhile, so it never interleaves with a {@link #guarded} traffic change.
   */
  synchronized void abort(String actor, String reason) {
    if (abortedBy != null) {
      return;
    }
    abortedBy = actor;
    abortReason = reason;
    if (backToStable != null) {
      long decided = System.nanoTime();
      backToStable.run();
      switchedBackMicros = (System.nanoTime() - decided) / 1_000;
    }
  }

  /**
   * How to put all traffic back on stable in one switch (null: nothing to do); runs in the aborting
   * thread, so it must be quick and safe from any thread.
   */
  synchronized void onAbort(Runnable switchBack) {
    this.backToStable = switchBack;
  }

  /** A traffic change of the rollout's thread. */
  @FunctionalInterface
  interface TrafficChange {
    void run() throws StepFailed;
  }

  /**
   * Runs a traffic change unless the rollout was aborted (then throws): an abort either happens
   * before the change, which then does not happen, or after it, and then undoes it.
   */
  synchronized void guarded(TrafficChange change) throws StepFailed {
    throwIfAborted();
    change.run();
  }

  /**
   * Notes that the new revision was given a share of traffic (so a failure is a rollback); the
   * first time, runs what {@link #onFirstTraffic} registered.
   */
  synchronized void candidateTookTraffic() {
    if (!candidateHadTraffic) {
      candidateHadTraffic = true;
      firstTraffic.run();
    }
  }

  /**
   * What to do once, when the new revision first gets a share: the deploy records it as a canary.
   * Runs under the control's lock, so an abort at that moment waits for it: keep it to one store
   * write.
   */
  synchronized void onFirstTraffic(Runnable action) {
    this.firstTraffic = action == null ? () -> {} : action;
  }

  synchronized boolean candidateHadTraffic() {
    return candidateHadTraffic;
  }

  /** How long the abort's switch back to stable took, in µs; -1 when the abort did not switch. */
  synchronized long switchedBackMicros() {
    return switchedBackMicros;
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
