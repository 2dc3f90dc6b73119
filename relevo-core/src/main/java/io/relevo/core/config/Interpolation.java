package io.relevo.core.config;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Shell-style {@code ${VAR}} and {@code ${VAR:-default}} in config values. As in the shell, the
 * default also applies when the variable is set but empty. {@code $${} writes a literal {@code ${}.
 * Defaults do not nest: the first {@code }} ends the reference.
 */
final class Interpolation {

  static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Interpolation() {}

  /**
   * Returns {@code raw} with every reference replaced, or null when one could not be resolved;
   * every unresolved reference is reported to {@code problems}, not only the first.
   */
  static String resolve(String raw, Map<String, String> env, Consumer<String> problems) {
    if (!raw.contains("${")) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    boolean failed = false;
    int i = 0;
    while (i < raw.length()) {
      if (raw.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (raw.startsWith("${", i)) {
        int close = raw.indexOf('}', i + 2);
        if (close < 0) {
          problems.accept(
              YamlNode.Scalar.show(raw, YamlNode.Scalar.Kind.STRING)
                  + " has a ${ without its } (expected: ${NAME} or ${NAME:-default}; write $${ for"
                  + " a literal ${)");
          return null;
        }
        String value = lookUp(raw.substring(i + 2, close), env, problems);
        if (value == null) {
          failed = true;
        } else {
          out.append(value);
        }
        i = close + 1;
      } else {
        out.append(raw.charAt(i++));
      }
    }
    return failed ? null : out.toString();
  }

  private static String lookUp(
      String reference, Map<String, String> env, Consumer<String> problems) {
    int separator = reference.indexOf(":-");
    String name = separator < 0 ? reference : reference.substring(0, separator);
    String fallback = separator < 0 ? null : reference.substring(separator + 2);
    if (!VARIABLE_NAME.matcher(name).matches()) {
      problems.accept(
          "${"
              + reference
              + "} is not a variable reference (expected: ${NAME} or ${NAME:-default} with NAME"
              + " of letters, digits and _; write $${ for a literal ${)");
      return null;
    }
    String value = env.get(name);
    if (value != null && !(value.isEmpty() && fallback != null)) {
      return value;
    }
    if (fallback != null) {
      return fallback;
    }
    problems.accept("${" + name + "} is not set (export it, or write ${" + name + ":-default})");
    return null;
  }
}
