package io.relevo.bench;

import io.relevo.core.analysis.AnalysisTemplate;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.Durations;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An analysis that judged a canary, as its rollout's {@code analysis} events name it (so the report
 * shows what ran, whatever the defaults are today), described by the template of that name in the
 * config the canary was deployed with.
 *
 * @param name the template's name, e.g. {@code default}
 * @param interval the template's interval, formatted ({@code 10s})
 * @param judge the template's judge, {@code threshold} or {@code statistical}
 * @param measurements the {@code analysis} progress events that name it: one per measurement
 */
record AnalysisSeen(String name, String interval, String judge, long measurements) {

  /**
   * The engine names the analysis right after the word: {@code analysis default: every 10s, …},
   * {@code analysis default measurement 2: FAIL}, {@code background analysis default …}.
   */
  private static final Pattern NAMED = Pattern.compile("\\banalysis ([A-Za-z0-9_.-]+)");

  /** Every analysis that left an event, in the order they first did; empty when none did. */
  static List<AnalysisSeen> in(RolloutRecord record, AppConfig config) {
    Map<String, AnalysisTemplate> templates = config.analysis();
    Set<String> names = new LinkedHashSet<>();
    for (RolloutEvent event : analysisEvents(record)) {
      Matcher named = NAMED.matcher(event.message());
      while (named.find()) {
        if (templates.containsKey(named.group(1))) {
          names.add(named.group(1));
          break;
        }
      }
    }
    return names.stream()
        .map(
            name ->
                new AnalysisSeen(
                    name,
                    Durations.format(templates.get(name).interval()),
                    templates.get(name).judge().name(),
                    measurements(record, name)))
        .toList();
  }

  /** {@code default (every 10s, judge threshold)}: what the report names, without the count. */
  String template() {
    return "`" + name + "` (every " + interval + ", judge " + judge + ")";
  }

  private static long measurements(RolloutRecord record, String name) {
    Pattern own = Pattern.compile("\\banalysis " + Pattern.quote(name) + "\\b");
    return analysisEvents(record).stream()
        .filter(e -> e.status() == RolloutEvent.Status.PROGRESS)
        .filter(e -> own.matcher(e.message()).find())
        .count();
  }

  private static List<RolloutEvent> analysisEvents(RolloutRecord record) {
    return record.events().stream()
        .filter(e -> e.step().equals("analysis") && e.message() != null)
        .toList();
  }
}
