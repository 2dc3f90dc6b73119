package io.relevo.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a process's CPU went between two readings of {@link ProcStat#threadTicks}: threads grouped
 * by name with their numbers taken out ({@code relevo-rollout-12} and {@code -13} are one line),
 * the busiest groups first, in percent of one core.
 */
final class ThreadCpu {

  private ThreadCpu() {}

  static List<String> busiest(
      Map<String, Long> before, Map<String, Long> after, double seconds, int limit) {
    Map<String, long[]> groups = new TreeMap<>(); // name -> {ticks, threads}
    for (Map.Entry<String, Long> thread : after.entrySet()) {
      long ticks = thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
      String name = thread.getKey().substring(0, thread.getKey().lastIndexOf(" ("));
      long[] group = groups.computeIfAbsent(name.replaceAll("[0-9]+", "#"), k -> new long[2]);
      group[0] += ticks;
      group[1]++;
    }
    return groups.entrySet().stream()
        .filter(g -> g.getValue()[0] > 0)
        .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
        .limit(limit)
        .map(
            g ->
                String.format(
                    "%-18s %3d thread(s) %5.1f%% of a core",
                    g.getKey(),
                    g.getValue()[1],
                    100.0 * g.getValue()[0] / ProcStat.TICKS_PER_SECOND / seconds))
        .toList();
  }
}
