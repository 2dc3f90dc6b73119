package io.relevo.bench;

import java.util.List;

/**
 * What the scale benchmark measured over its window. CPU in percent of one core, memory in KiB.
 *
 * @param missing why nothing was measured (no relevo.jar, no python3), else null
 * @param canariesUnderWay canaries still at 10% under analysis at the window's end
 * @param endings the apps whose canary was not under way, and how their rollout ended
 * @param measurements background analysis measurements heard on the deploy streams in the window
 * @param busiestThreads the agent's thread groups that used the most CPU in the window
 * @param proxies the proxy processes (serving and standby) whose CPU and RSS are summed
 * @param backends the other processes the agent started (the revisions' backends)
 * @param loadCpu the benchmark's own JVM (the load generator), for context
 */
record ScaleResult(
    String missing,
    int apps,
    int rate,
    double seconds,
    double stableSeconds,
    double canarySeconds,
    int canariesUnderWay,
    List<String> endings,
    long measurements,
    double agentCpu,
    long agentRssKib,
    long agentPeakRssKib,
    List<String> busiestThreads,
    int proxies,
    double proxyCpu,
    long proxyRssKib,
    int backends,
    double backendCpu,
    double loadCpu,
    SteadyLoad.Counts load,
    String agentCommand,
    String backendCommand) {

  /** The agent's targets: analysis and housekeeping of 100 apps within these. */
  static final double CPU_TARGET = 10;

  static final long RSS_TARGET_KIB = 256 * 1024;

  static ScaleResult missing(String why) {
    return new ScaleResult(
        why,
        0,
        0,
        0,
        0,
        0,
        0,
        List.of(),
        0,
        0,
        0,
        0,
        List.of(),
        0,
        0,
        0,
        0,
        0,
        0,
        new SteadyLoad.Counts(0, 0, 0),
        "",
        "");
  }

  boolean meetsTargets() {
    return agentCpu <= CPU_TARGET && agentPeakRssKib <= RSS_TARGET_KIB;
  }
}
