package io.relevo.core.analysis;

/**
 * Hears every measurement of every analysis run, e.g. to export verdicts and values as metrics.
 * Called in the measuring thread with the run's lock held: must return at once and not throw.
 */
@FunctionalInterface
public interface AnalysisObserver {

  /**
   * One measurement was taken.
   *
   * @param app the app
   * @param analysis the analysis template's name ({@code watch} after a promotion)
   * @param canaryRevision the revision judged
   * @param stableRevision the revision it is judged against
   * @param measurement the verdict and every metric's values
   */
  void measured(
      String app, String analysis, int canaryRevision, int stableRevision, Measurement measurement);

  /** An observer that hears nothing. */
  static AnalysisObserver none() {
    return (app, analysis, canary, stable, measurement) -> {};
  }
}
