package io.relevo.core.config;

import java.util.List;

/**
 * A YAML value with the line it starts on. Jackson's {@code JsonNode} forgets locations, and every
 * config problem must name its line, so {@link YamlTreeReader} builds this small tree instead.
 */
sealed interface YamlNode {

  /** 1-based line where the value starts. */
  int line();

  /** How a message names this value when it has the wrong type: {@code a map}, {@code "2x"}. */
  String describe();

  /** A plain or quoted scalar, its text as written (before {@code ${VAR}} interpolation). */
  record Scalar(String text, Kind kind, int line) implements YamlNode {

    /** What YAML resolved a plain scalar to; quoted scalars are always {@link #STRING}. */
    enum Kind {
      STRING,
      NUMBER,
      BOOLEAN,
      NULL
    }

    /** True for {@code key:}, {@code key: ~} and {@code key: null}, which mean "not set". */
    boolean isEmpty() {
      return kind == Kind.NULL || text.isEmpty();
    }

    @Override
    public String describe() {
      return isEmpty() ? "empty" : show(text, kind);
    }

    /** Numbers and booleans as written, strings quoted, so {@code 30} and {@code "30"} differ. */
    static String show(String text, Kind kind) {
      if (kind == Kind.NUMBER || kind == Kind.BOOLEAN) {
        return text;
      }
      return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
  }

  /** A block or flow sequence. */
  record Sequence(List<YamlNode> items, int line) implements YamlNode {

    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return items.isEmpty() ? "an empty list" : "a list";
    }
  }

  /** A block or flow mapping, keys in file order, each key unique. */
  record Mapping(List<Entry> entries, int line) implements YamlNode {

    public Mapping {
      entries = List.copyOf(entries);
    }

    @Override
    public String describe() {
      return entries.isEmpty() ? "an empty map" : "a map";
    }
  }

  /** One key of a mapping, with the line of the key itself. */
  record Entry(String key, int line, YamlNode value) {}
}
