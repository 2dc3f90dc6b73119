package io.relevo.core.config;

import io.relevo.core.config.YamlNode.Scalar;
import io.relevo.core.config.YamlNode.Sequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One setting at a path, present or not, with conversions that report a problem and return null
 * instead of throwing, so that reading goes on and finds every problem of the file. Every
 * conversion returns null for a setting that is absent or empty ({@code key:}), which callers pass
 * on to the records, whose constructors fill in the defaults.
 */
final class Value {

  private final YamlNode node;
  private final String path;
  private final int keyLine;
  private final ReadContext context;

  /**
   * @param node null when the key is absent
   * @param keyLine the line of the key (or list item); problems about an absent setting point there
   */
  Value(YamlNode node, String path, int keyLine, ReadContext context) {
    this.node = node;
    this.path = path;
    this.keyLine = keyLine;
    this.context = context;
  }

  String path() {
    return path;
  }

  int keyLine() {
    return keyLine;
  }

  ReadContext context() {
    return context;
  }

  /** The node, or null when the key is absent. */
  YamlNode node() {
    return node;
  }

  /** Present and not empty. */
  boolean isSet() {
    return node != null && !(node instanceof Scalar scalar && scalar.isEmpty());
  }

  /** Reports {@code missing} or {@code empty} when not set; returns this, for chaining. */
  Value required(String expected) {
    if (!isSet()) {
      problem((node == null ? "missing" : "empty") + " (expected: " + expected + ")");
    }
    return this;
  }

  /** Reports a problem at this setting's line and path. */
  void problem(String message) {
    context.problem(node == null ? keyLine : node.line(), path, message);
  }

  /** Shows a resolved scalar in a message: numbers bare, strings quoted. */
  String show(String text) {
    Scalar.Kind kind = node instanceof Scalar scalar ? scalar.kind() : Scalar.Kind.STRING;
    return Scalar.show(text, kind);
  }

  /** A scalar as text, {@code ${VAR}} resolved. */
  String text(String expected) {
    if (!isSet()) {
      return null;
    }
    if (!(node instanceof Scalar scalar)) {
      problem(node.describe() + " (expected: " + expected + ")");
      return null;
    }
    return context.interpolate(scalar.text(), node.line(), path);
  }

  /** A scalar as text that must match {@code rule}. */
  String text(String expected, Predicate<String> rule) {
    String text = text(expected);
    if (text != null && !rule.test(text)) {
      problem(show(text) + " (expected: " + expected + ")");
      return null;
    }
    return text;
  }

  /** A whole number in {@code min..max}. */
  Integer integer(int min, int max) {
    String range = max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max;
    String text = text("a whole number, " + range);
    if (text == null) {
      return null;
    }
    long number;
    try {
      number = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      problem(show(text) + " (expected: a whole number, " + range + ")");
      return null;
    }
    if (number < min || number > max) {
      problem(number + " (expected: " + range + ")");
      return null;
    }
    return (int) number;
  }

  /** A duration as {@link Durations#parse} reads it; zero only when {@code zeroAllowed}. */
  Duration duration(boolean zeroAllowed) {
    String text = text("a duration like 2s, 500ms, 1m");
    if (text == null) {
      return null;
    }
    try {
      Duration duration = Durations.parse(text);
      if (duration.isZero() && !zeroAllowed) {
        problem(show(text) + " (expected: a duration above zero, like 2s or 500ms)");
        return null;
      }
      return duration;
    } catch (IllegalArgumentException e) {
      problem(e.getMessage());
      return null;
    }
  }

  /** One of the names of {@code choices}, ignoring case, mapped to its value. */
  <E> E oneOf(Map<String, E> choices) {
    String expected = "one of " + String.join(", ", choices.keySet());
    String text = text(expected);
    if (text == null) {
      return null;
    }
    for (Map.Entry<String, E> choice : choices.entrySet()) {
      if (choice.getKey().equalsIgnoreCase(text.trim())) {
        return choice.getValue();
      }
    }
    problem(show(text) + " (expected: " + expected + ")");
    return null;
  }

  /** The items of a list, each at its own path ({@code smoke[2]}); empty when not set. */
  List<Value> items(String expected) {
    if (!isSet()) {
      return List.of();
    }
    if (!(node instanceof Sequence sequence)) {
      problem(node.describe() + " (expected: " + expected + ")");
      return List.of();
    }
    List<Value> items = new ArrayList<>();
    for (YamlNode item : sequence.items()) {
      items.add(new Value(item, ConfigPaths.index(path, items.size()), item.line(), context));
    }
    return items;
  }

  /** A list of scalars as strings; null when not set or when any item has a problem. */
  List<String> strings(String expected) {
    if (!isSet()) {
      return null;
    }
    List<String> strings = new ArrayList<>();
    boolean failed = !(node instanceof Sequence);
    for (Value item : items(expected)) {
      String text = item.text("a string");
      if (text == null) {
        item.required("a string");
        failed = true;
      }
      strings.add(text);
    }
    return failed ? null : strings;
  }

  /**
   * A map whose keys the user chooses (env vars, headers): keys must match {@code keyRule}, values
   * are scalars; null when not set or when any entry has a problem.
   */
  Map<String, String> stringMap(String keyExpected, Predicate<String> keyRule) {
    if (!isSet()) {
      return null;
    }
    if (!(node instanceof YamlNode.Mapping mapping)) {
      problem(node.describe() + " (expected: a map of " + keyExpected + " to strings)");
      return null;
    }
    Map<String, String> strings = new LinkedHashMap<>();
    boolean failed = false;
    for (YamlNode.Entry entry : mapping.entries()) {
      Value value =
          new Value(entry.value(), ConfigPaths.key(path, entry.key()), entry.line(), context);
      if (!keyRule.test(entry.key())) {
        context.problem(
            entry.line(),
            value.path(),
            "not a valid name (expected: " + keyExpected.toLowerCase(Locale.ROOT) + ")");
        failed = true;
        continue;
      }
      String text = value.isSet() ? value.text("a string") : "";
      failed |= text == null;
      strings.put(entry.key(), text);
    }
    return failed ? null : strings;
  }
}
