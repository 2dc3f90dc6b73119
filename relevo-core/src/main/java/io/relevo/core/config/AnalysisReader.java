package io.relevo.core.config;

import io.relevo.core.analysis.AnalysisTemplate;
import io.relevo.core.analysis.Condition;
import io.relevo.core.analysis.ConditionSyntaxException;
import io.relevo.core.analysis.InconclusivePolicy;
import io.relevo.core.analysis.Judge;
import io.relevo.core.analysis.LoadSpec;
import io.relevo.core.analysis.Metric;
import io.relevo.core.analysis.MetricRule;
import io.relevo.core.analysis.PromQlQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code analysis}: named analyses, each with its timing, limits and metrics. A setting left
 * out takes the default analysis' value, so {@code analysis: {quick: {interval: 2s}}} is the
 * runbooks' three rules measured every two seconds.
 */
final class AnalysisReader {

  private static final List<String> KEYS =
      List.of(
          "interval",
          "count",
          "failure_limit",
          "min_requests",
          "inconclusive",
          "consecutive_error_limit",
          "judge",
          "metrics",
          "load");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
  private static final Map<String, InconclusivePolicy.Action> ACTIONS = new LinkedHashMap<>();
  private static final Map<String, String> JUDGES = new LinkedHashMap<>();

  static {
    ACTIONS.put("pause", InconclusivePolicy.Action.PAUSE);
    ACTIONS.put("fail", InconclusivePolicy.Action.FAIL);
    JUDGES.put("threshold", "threshold");
    JUDGES.put("statistical", "statistical");
  }

  private AnalysisReader() {}

  static Map<String, AnalysisTemplate> read(Value value) {
    Map<String, AnalysisTemplate> templates = new LinkedHashMap<>();
    if (!value.isSet()) {
      return templates;
    }
    if (!(value.node() instanceof YamlNode.Mapping mapping)) {
      value.problem(
          value.node().describe()
              + " (expected: a map of analysis names to settings,"
              + " like default: {interval: 10s})");
      return templates;
    }
    for (YamlNode.Entry entry : mapping.entries()) {
      Value template =
          new Value(
              entry.value(),
              ConfigPaths.key(value.path(), entry.key()),
              entry.line(),
              value.context());
      if (!NAME.matcher(entry.key()).matches()) {
        template.problem(
            "\""
                + entry.key()
                + "\" is not a valid analysis name (expected: lower-case"
                + " letters, digits, - and _, starting with a letter)");
        continue;
      }
      AnalysisTemplate read = template(entry.key(), template);
      if (read != null) {
        templates.put(entry.key(), read);
      }
    }
    return templates;
  }

  private static AnalysisTemplate template(String name, Value value) {
    MapReader settings = MapReader.open(value, KEYS, List.of());
    String judge = settings.get("judge").oneOf(JUDGES);
    // Fixed windows judged on their own values need longer windows than the sequential test.
    AnalysisTemplate base =
        "threshold".equals(judge)
            ? AnalysisTemplate.thresholdDefaults()
            : AnalysisTemplate.defaults();
    Duration interval = settings.get("interval").duration(false);
    Integer count = settings.get("count").integer(0, 10_000);
    Integer failureLimit = settings.get("failure_limit").integer(0, 10_000);
    Integer minRequests = settings.get("min_requests").integer(0, Integer.MAX_VALUE);
    InconclusivePolicy inconclusive =
        inconclusive(settings.get("inconclusive"), base.inconclusive());
    Integer errorLimit = settings.get("consecutive_error_limit").integer(0, 10_000);
    List<MetricRule> metrics = metrics(settings.get("metrics"));
    LoadSpec load = LoadReader.read(settings.get("load"));
    if (value.context().hasProblems()) {
      return null;
    }
    return new AnalysisTemplate(
        name,
        interval == null ? base.interval() : interval,
        count == null ? base.count() : count,
        failureLimit == null ? base.failureLimit() : failureLimit,
        minRequests == null ? base.minRequests() : minRequests,
        inconclusive,
        errorLimit == null ? base.consecutiveErrorLimit() : errorLimit,
        judge == null ? base.judge() : Judge.named(judge),
        metrics == null ? base.metrics() : metrics,
        load == null ? base.load() : load);
  }

  private static InconclusivePolicy inconclusive(Value value, InconclusivePolicy base) {
    MapReader policy = MapReader.open(value, List.of("limit", "then"), List.of());
    Integer limit = policy.get("limit").integer(0, 10_000);
    InconclusivePolicy.Action then = policy.get("then").oneOf(ACTIONS);
    return new InconclusivePolicy(
        limit == null ? base.limit() : limit, then == null ? base.then() : then);
  }

  private static List<MetricRule> metrics(Value value) {
    if (!value.isSet()) {
      return null;
    }
    List<MetricRule> rules = new ArrayList<>();
    List<Value> items =
        value.items(
            "a list of metrics, like - {name: error-rate, builtin: error_rate,"
                + " fail_if: \"canary - stable > 0.05\"}");
    if (items.isEmpty() && value.node() instanceof YamlNode.Sequence) {
      value.problem("an empty list (expected: at least one metric)");
    }
    for (Value item : items) {
      MapReader metric =
          MapReader.open(item, List.of("name", "builtin", "prometheus", "fail_if"), List.of());
      Value prometheus = metric.get("prometheus");
      String builtin =
          prometheus.isSet()
              ? null
              : metric
                  .get("builtin")
                  .required("a built-in metric like error_rate, or prometheus: {address, query}")
                  .text("a built-in metric, like error_rate");
      if (prometheus.isSet() && metric.get("builtin").isSet()) {
        metric
            .get("builtin")
            .problem("set beside prometheus (expected: one of builtin, prometheus)");
      }
      String name = metric.get("name").text("a string");
      Value failIfValue =
          metric.get("fail_if").required("a condition, like \"canary - stable > 0.05\"");
      String failIf = failIfValue.text("a condition, like \"canary - stable > 0.05\"");
      Condition condition = null;
      if (failIf != null) {
        try {
          condition = Condition.parse(failIf);
        } catch (ConditionSyntaxException e) {
          failIfValue.problem(e.getMessage());
        }
      }
      if (prometheus.isSet()) {
        PromQlQuery query = PromQlReader.read(prometheus);
        if (name == null) {
          metric.get("name").required("a name for a prometheus metric, like errors");
        } else if (query != null && condition != null) {
          rules.add(MetricRule.promQl(name, query, condition));
        }
        continue;
      }
      if (builtin == null || failIf == null) {
        continue;
      }
      Metric measured = null;
      try {
        measured = Metric.builtin(builtin.trim());
      } catch (IllegalArgumentException e) {
        metric.get("builtin").problem(e.getMessage().replaceFirst("^builtin: ", ""));
      }
      if (condition != null && measured != null) {
        rules.add(new MetricRule(name == null ? builtin : name, measured, condition));
      }
    }
    return rules;
  }
}
