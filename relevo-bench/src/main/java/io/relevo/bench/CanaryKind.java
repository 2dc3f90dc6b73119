package io.relevo.bench;

import java.util.List;

/**
 * One canary the rollback benchmark deploys under the default analysis. The example app stages its
 * faults by version label (examples/alojamientos/README.md): {@code -errN} answers 500 to N% of
 * {@code /api/v1/*} requests but healthz, so every canary passes readiness and only the analysis
 * can tell them apart.
 *
 * @param name the canary's name in the report, and the prefix of its apps' names
 * @param description what it does, for the report
 * @param stableVersion the version its app runs as stable before the canary
 * @param fault the version marker of the canary, appended to {@code vN}; empty for none
 * @param bad whether relevo must roll it back (true) or promote it (false)
 */
record CanaryKind(
    String name, String description, String stableVersion, String fault, boolean bad) {

  /**
   * 100% and 20% 5xx against a clean stable, and a good canary with the same 1% 5xx as its stable,
   * so a false rollback by chance is possible and would show.
   */
  static final List<CanaryKind> ALL =
      List.of(
          new CanaryKind("err100", "100% 5xx, stable 0%", "v1", "-err100", true),
          new CanaryKind("err20", "20% 5xx, stable 0%", "v1", "-err20", true),
          new CanaryKind("good", "1% 5xx, stable 1% too", "v1-err1", "-err1", false));

  /** The canary's version in run {@code run}: {@code v2-err100}, {@code v3-err1}, … */
  String canaryVersion(int run) {
    return "v" + (run + 1) + fault;
  }

  /** The app of run {@code run}: one app per run, so no run inherits another's watch. */
  String app(int run) {
    return name + "-r" + run;
  }
}
