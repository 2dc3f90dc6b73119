package io.relevo.core.config;

import io.relevo.core.config.YamlNode.Entry;
import io.relevo.core.config.YamlNode.Mapping;
import io.relevo.core.config.YamlNode.Scalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code environments:} in one relevo.yml: each entry is a partial config deep-merged over the base
 * (maps merge key by key, lists and scalars replace), with {@code env} set to the entry's name and
 * {@code app} to {@code APP-NAME} unless the entry names its own. The top-level key {@code
 * environment: NAME} picks one; {@code --env NAME} appends that key to the text the agent stores
 * with the revision, so a restart or a rollback re-reads the same merged config.
 */
final class Environments {

  static final String SECTION = "environments";
  static final String SELECTOR = "environment";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
  private static final Pattern LAST_PICK =
      Pattern.compile("(?s)(.*\n)?" + SELECTOR + ": [a-z][a-z0-9-]{0,30}\n?");

  private Environments() {}

  /**
   * {@code text} with {@code environment: name} appended at its end, lines kept as they were; a
   * pick already on the last line is replaced (so a revision's stored text can be re-pointed).
   */
  static String select(String text, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  "--env",
                  0,
                  "",
                  "\""
                      + name
                      + "\" (expected: an environment's name: lower-case letters, digits and"
                      + " dashes, like staging)")));
    }
    java.util.regex.Matcher last = LAST_PICK.matcher(text);
    String kept = last.matches() ? (last.group(1) == null ? "" : last.group(1)) : text;
    return kept
        + (kept.isEmpty() || kept.endsWith("\n") ? "" : "\n")
        + SELECTOR
        + ": "
        + name
        + "\n";
  }

  /**
   * The configs to read from {@code root}: the selected environment merged over the base; with no
   * selection the base, then every environment merged over it (so all are validated). Problems of
   * the section itself go to {@code context}.
   */
  static List<YamlNode> resolve(YamlNode root, ReadContext context) {
    if (!(root instanceof Mapping mapping)) {
      return List.of(root);
    }
    List<Entry> base = new ArrayList<>();
    Entry section = null;
    Entry selector = null;
    for (Entry entry : mapping.entries()) {
      switch (entry.key()) {
        case SECTION -> section = entry;
        case SELECTOR -> selector = entry;
        default -> base.add(entry);
      }
    }
    Map<String, Mapping> named = named(section, context);
    Mapping baseRoot = new Mapping(base, mapping.line());
    if (selector != null) {
      String name =
          selector.value() instanceof Scalar s && !s.isEmpty()
              ? s.text()
              : selector.value().describe();
      Mapping overlay = named.get(name);
      if (overlay == null) {
        context.problem(
            selector.line(),
            SELECTOR,
            "unknown environment \""
                + name
                + "\" (expected: "
                + (named.isEmpty()
                    ? "an environments: section naming it"
                    : "one of " + String.join(", ", named.keySet()))
                + ")");
        return List.of(baseRoot);
      }
      return List.of(apply(baseRoot, name, overlay, selector.line()));
    }
    List<YamlNode> all = new ArrayList<>();
    all.add(baseRoot);
    named.forEach((name, overlay) -> all.add(apply(baseRoot, name, overlay, overlay.line())));
    return all;
  }

  private static Map<String, Mapping> named(Entry section, ReadContext context) {
    Map<String, Mapping> named = new LinkedHashMap<>();
    if (section == null) {
      return named;
    }
    if (!(section.value() instanceof Mapping environments)) {
      context.problem(
          section.line(),
          SECTION,
          section.value().describe()
              + " (expected: a map from an environment's name to its overrides, like staging:"
              + " {listen: 127.0.0.1:8081})");
      return named;
    }
    for (Entry entry : environments.entries()) {
      String path = SECTION + "." + entry.key();
      if (!NAME.matcher(entry.key()).matches()) {
        context.problem(
            entry.line(),
            path,
            "not an environment's name (expected: lower-case letters, digits and dashes, like"
                + " staging)");
      } else if (entry.value() instanceof Mapping overrides) {
        named.put(entry.key(), overrides);
      } else if (entry.value() instanceof Scalar s && s.isEmpty()) {
        named.put(entry.key(), new Mapping(List.of(), entry.line()));
      } else {
        context.problem(
            entry.line(),
            path,
            entry.value().describe()
                + " (expected: a map of the settings this environment changes)");
      }
    }
    return named;
  }

  private static Mapping apply(Mapping base, String name, Mapping overlay, int line) {
    Mapping merged = merge(base, overlay);
    List<Entry> entries = new ArrayList<>();
    boolean ownApp = overlay.entries().stream().anyMatch(e -> e.key().equals("app"));
    for (Entry entry : merged.entries()) {
      if (entry.key().equals("env")) {
        continue;
      }
      if (entry.key().equals("app") && !ownApp && entry.value() instanceof Scalar s) {
        entries.add(
            new Entry("app", entry.line(), new Scalar(s.text() + "-" + name, s.kind(), s.line())));
      } else {
        entries.add(entry);
      }
    }
    entries.add(new Entry("env", line, new Scalar(name, Scalar.Kind.STRING, line)));
    return new Mapping(entries, merged.line());
  }

  /** Maps merge key by key; anything else in {@code over} replaces what {@code base} had. */
  static Mapping merge(Mapping base, Mapping over) {
    Map<String, Entry> byKey = new LinkedHashMap<>();
    base.entries().forEach(e -> byKey.put(e.key(), e));
    for (Entry entry : over.entries()) {
      Entry old = byKey.get(entry.key());
      if (old != null && old.value() instanceof Mapping b && entry.value() instanceof Mapping o) {
        byKey.put(entry.key(), new Entry(entry.key(), entry.line(), merge(b, o)));
      } else {
        byKey.put(entry.key(), entry);
      }
    }
    return new Mapping(new ArrayList<>(byKey.values()), base.line());
  }
}
