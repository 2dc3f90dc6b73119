package io.relevo.core.gates;

import io.relevo.core.Plural;
import io.relevo.core.config.SecretRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gates.secrets}: each named variable is set as the revision will see it, long enough, not a
 * placeholder, not the same as another named secret, and, when asked, of a format and a strength.
 * Problems name the variable and the rule, never the value.
 */
final class SecretsGate implements Gate {

  private final List<SecretRule> rules;

  SecretsGate(List<SecretRule> rules) {
    this.rules = List.copyOf(rules);
  }

  @Override
  public String name() {
    return "secrets";
  }

  @Override
  public GateResult check(GateInput input) {
    List<String> problems = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (SecretRule rule : rules) {
      String value = input.variable(rule.name()).orElse(null);
      if (value == null || value.isEmpty()) {
        problems.add(
            rule.name()
                + ": "
                + (value == null ? "not set" : "empty")
                + " (expected: set in runtime.env or the agent's environment)");
        continue;
      }
      problems.addAll(problems(rule, value));
      String same = seen.putIfAbsent(value, rule.name());
      if (same != null) {
        problems.add(
            rule.name() + ": the same value as " + same + " (expected: a value of its own)");
      }
    }
    String checked = Plural.count(rules.size(), "secret");
    if (problems.isEmpty()) {
      return GateResult.passed(name(), checked + " present and strong", input.now());
    }
    return GateResult.failed(
        name(), Plural.count(problems.size(), "problem") + " in " + checked, problems, input.now());
  }

  /** What {@code rule} finds wrong with {@code value}, each naming the variable and the rule. */
  static List<String> problems(SecretRule rule, String value) {
    List<String> problems = new ArrayList<>();
    int length = value.codePointCount(0, value.length());
    if (length < rule.minLength()) {
      problems.add(
          rule.name()
              + ": "
              + Plural.count(length, "character")
              + " (expected: min_length "
              + rule.minLength()
              + ")");
    }
    if (!rule.format().matches(value)) {
      problems.add(
          rule.name()
              + ": not "
              + rule.format().key()
              + " (expected: "
              + rule.format().description()
              + ")");
    }
    String placeholder = Placeholders.why(value);
    if (placeholder != null) {
      problems.add(
          rule.name()
              + ": "
              + placeholder
              + " (expected: a generated value, see `relevo secrets generate`)");
    }
    double bits = Entropy.bits(value);
    if (bits < rule.minEntropyBits()) {
      problems.add(
          rule.name()
              + ": about "
              + Math.round(bits)
              + " bits of entropy (expected: min_entropy "
              + Math.round(rule.minEntropyBits())
              + ")");
    }
    return problems;
  }
}
